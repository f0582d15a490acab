import type { ObjectLockChangeOutput } from '../../../backends/backend';
import { PutObjectLegalHoldCommand } from '../../../operations/objects/put-object-legal-hold/put-object-legal-hold.command';
import { readVersionIdQuery } from '../headers/version-id-query';
import { readChecksummedXml } from '../xml/checksummed-xml';
import { readLegalHoldDocument } from './object-lock-documents';
import { objectOf, S3Route, sendEmpty } from './s3-route';

/** A Content-MD5 or an x-amz-checksum-* is required, as for PutObjectRetention. */
export const putObjectLegalHoldRoute: S3Route<ObjectLockChangeOutput> = {
  operation: 'PutObjectLegalHold',
  async toCommand(req) {
    const legalHold = readLegalHoldDocument(await readChecksummedXml(req));
    return new PutObjectLegalHoldCommand(req.context, { ...objectOf(req), ...readVersionIdQuery(req.target.query), legalHold });
  },
  send: (reply) => sendEmpty(reply),
};
