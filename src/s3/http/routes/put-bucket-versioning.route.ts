import type { VersioningStatus } from '../../../backends/backend';
import { PutBucketVersioningCommand } from '../../../operations/buckets/put-bucket-versioning/put-bucket-versioning.command';
import { S3Error } from '../../errors/s3-error';
import { isRecord, MAX_XML_BODY_BYTES, readXmlBody } from '../xml/xml-body-reader';
import { bucketOf, S3Route, sendEmpty } from './s3-route';

/**
 * The VersioningConfiguration document as AWS judges it: not XML, or a Status other than Enabled
 * and Suspended, is MalformedXML; no Status at all, IllegalVersioningConfigurationException. MFA
 * delete needs an MFA device tracegw has no notion of.
 */
export function readVersioningDocument(doc: Record<string, unknown> | undefined): VersioningStatus {
  const root = doc?.VersioningConfiguration;
  if (root === undefined) throw new S3Error('MalformedXML');
  if (!isRecord(root)) throw new S3Error('IllegalVersioningConfigurationException');
  const { Status: status, MfaDelete: mfaDelete } = root;
  if (mfaDelete !== undefined && mfaDelete !== 'Disabled') {
    if (mfaDelete === 'Enabled') throw new S3Error('NotImplemented', 'MFA delete is not supported.');
    throw new S3Error('MalformedXML');
  }
  if (status === undefined) throw new S3Error('IllegalVersioningConfigurationException');
  if (status !== 'Enabled' && status !== 'Suspended') throw new S3Error('MalformedXML');
  return status;
}

export const putBucketVersioningRoute: S3Route<void> = {
  operation: 'PutBucketVersioning',
  async toCommand(req) {
    const status = readVersioningDocument(await readXmlBody(req.auth.body, MAX_XML_BODY_BYTES));
    return new PutBucketVersioningCommand(req.context, { bucket: bucketOf(req), status });
  },
  send: (reply) => sendEmpty(reply),
};
