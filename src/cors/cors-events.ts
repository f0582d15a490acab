import { bucketStreamId } from '../journal/bucket-changes';
import type { NewEvent } from '../journal/event';

export interface BucketCorsPutData {
  bucket: string;
  /** The CORSConfiguration document as stored. */
  configuration: string;
}

export interface BucketCorsDeletedData {
  bucket: string;
}

/**
 * The journal's record of a PutBucketCors. No projection folds it: the bucket's `user.cors`
 * attribute is the truth, shared with every gateway on the file system; the event says who set
 * what, and when.
 */
export function bucketCorsPut(data: BucketCorsPutData, traceId?: string): NewEvent<BucketCorsPutData> {
  return { streamId: bucketStreamId(data.bucket), type: 'BucketCorsPut', data: { bucket: data.bucket, configuration: data.configuration }, traceId };
}

export function bucketCorsDeleted(bucket: string, traceId?: string): NewEvent<BucketCorsDeletedData> {
  return { streamId: bucketStreamId(bucket), type: 'BucketCorsDeleted', data: { bucket }, traceId };
}
