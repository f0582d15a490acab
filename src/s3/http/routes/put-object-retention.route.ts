import type { ObjectLockChangeOutput } from '../../../backends/backend';
import { PutObjectRetentionCommand } from '../../../operations/objects/put-object-retention/put-object-retention.command';
import { readVersionIdQuery } from '../headers/version-id-query';
import { readChecksummedXml } from '../xml/checksummed-xml';
import { bypassRequestOf } from './bypass-request';
import { readRetentionDocument } from './object-lock-documents';
import { objectOf, S3Route, sendEmpty } from './s3-route';

/** AWS (and VersityGW) require a Content-MD5 or an x-amz-checksum-* here: a flipped bit must not lock a version for a century. */
export const putObjectRetentionRoute: S3Route<ObjectLockChangeOutput> = {
  operation: 'PutObjectRetention',
  async toCommand(req) {
    const retention = readRetentionDocument(await readChecksummedXml(req));
    return new PutObjectRetentionCommand(req.context, { ...objectOf(req), ...readVersionIdQuery(req.target.query), retention, ...bypassRequestOf(req, 'PutObjectRetention') });
  },
  send: (reply) => sendEmpty(reply),
};
