import type { S3Error } from '../../errors/s3-error';
import { toXml } from './xml-writer';

export interface ErrorResponseContext {
  /** The request path, as AWS puts it in <Resource>. */
  resource: string;
  requestId: string;
  bucket?: string;
  key?: string;
}

/** S3's <Error> document: Code, Message, the code's extra fields, then Resource and RequestId. */
export function errorXml(error: S3Error, ctx: ErrorResponseContext): string {
  return toXml(
    'Error',
    {
      Code: error.code,
      Message: error.message,
      ...(ctx.bucket !== undefined && (error.code === 'NoSuchBucket' || error.code.startsWith('Bucket')) ? { BucketName: ctx.bucket } : {}),
      ...(ctx.key !== undefined && error.code === 'NoSuchKey' ? { Key: ctx.key } : {}),
      ...error.extra,
      Resource: ctx.resource,
      RequestId: ctx.requestId,
    },
    false,
  );
}
