import type { LegalHoldStatus } from '../../../backends/backend';
import { GetObjectLegalHoldCommand } from '../../../operations/objects/get-object-legal-hold/get-object-legal-hold.command';
import { readVersionIdQuery } from '../headers/version-id-query';
import { toXml } from '../xml/xml-writer';
import { objectOf, S3Route, sendXml } from './s3-route';

export const getObjectLegalHoldRoute: S3Route<LegalHoldStatus> = {
  operation: 'GetObjectLegalHold',
  toCommand: (req) => new GetObjectLegalHoldCommand(req.context, { ...objectOf(req), ...readVersionIdQuery(req.target.query) }),
  send: (reply, status) => sendXml(reply, toXml('LegalHold', { Status: status })),
};
