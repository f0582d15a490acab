import type { BucketInput } from '../../../backends/backend';
import type { RequestContext } from '../../../request/request-context';
import type { S3Command } from '../../../operations/s3-command';
import type { S3Operation } from '../../s3-operations';
import { discardBody } from '../xml/xml-body-reader';
import { bucketOf, S3Route, sendEmpty } from './s3-route';

/** The route of a Delete<setting> of a bucket: no body to use, 204 on success (also when there was none), as AWS answers. */
export function bucketSettingDeleteRoute(operation: S3Operation, Command: new (context: RequestContext, input: BucketInput) => S3Command<void>): S3Route<void> {
  return {
    operation,
    async toCommand(req) {
      await discardBody(req);
      return new Command(req.context, { bucket: bucketOf(req) });
    },
    send: (reply) => sendEmpty(reply, 204),
  };
}
