import { PutObjectLockConfigurationCommand } from '../../../operations/buckets/put-object-lock-configuration/put-object-lock-configuration.command';
import { readChecksummedXml } from '../xml/checksummed-xml';
import { readObjectLockConfiguration } from './object-lock-configuration-document';
import { bucketOf, S3Route, sendEmpty } from './s3-route';

/** AWS requires a Content-MD5 (or x-amz-checksum-*) here: a flipped bit must not lock objects for a century. */
export const putObjectLockConfigurationRoute: S3Route<void> = {
  operation: 'PutObjectLockConfiguration',
  async toCommand(req) {
    const config = readObjectLockConfiguration(await readChecksummedXml(req));
    return new PutObjectLockConfigurationCommand(req.context, { bucket: bucketOf(req), config });
  },
  send: (reply) => sendEmpty(reply),
};
