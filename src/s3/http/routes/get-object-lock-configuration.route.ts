import type { ObjectLockConfiguration } from '../../../backends/backend';
import { GetObjectLockConfigurationCommand } from '../../../operations/buckets/get-object-lock-configuration/get-object-lock-configuration.command';
import { toXml } from '../xml/xml-writer';
import { objectLockConfigurationXml } from './object-lock-configuration-document';
import { bucketOf, S3Route, sendXml } from './s3-route';

export const getObjectLockConfigurationRoute: S3Route<ObjectLockConfiguration> = {
  operation: 'GetObjectLockConfiguration',
  toCommand: (req) => new GetObjectLockConfigurationCommand(req.context, { bucket: bucketOf(req) }),
  send: (reply, config) => sendXml(reply, toXml('ObjectLockConfiguration', objectLockConfigurationXml(config))),
};
