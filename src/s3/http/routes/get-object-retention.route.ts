import type { ObjectRetention } from '../../../backends/backend';
import { GetObjectRetentionCommand } from '../../../operations/objects/get-object-retention/get-object-retention.command';
import { readVersionIdQuery } from '../headers/version-id-query';
import { toXml } from '../xml/xml-writer';
import { retentionXml } from './object-lock-documents';
import { objectOf, S3Route, sendXml } from './s3-route';

export const getObjectRetentionRoute: S3Route<ObjectRetention> = {
  operation: 'GetObjectRetention',
  toCommand: (req) => new GetObjectRetentionCommand(req.context, { ...objectOf(req), ...readVersionIdQuery(req.target.query) }),
  send: (reply, retention) => sendXml(reply, toXml('Retention', retentionXml(retention))),
};
