import { AbortMultipartUploadCommand } from '../../../operations/multipart/abort-multipart-upload/abort-multipart-upload.command';
import { uploadOf } from './multipart-request';
import { S3Route, sendEmpty } from './s3-route';

export const abortMultipartUploadRoute: S3Route<void> = {
  operation: 'AbortMultipartUpload',
  toCommand: (req) => new AbortMultipartUploadCommand(req.context, uploadOf(req)),
  send: (reply) => sendEmpty(reply, 204),
};
