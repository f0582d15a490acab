import { bucketStreamId } from '../../journal/bucket-changes';
import type { NewEvent } from '../../journal/event';

export interface BucketOwnerChangedData {
  bucket: string;
  owner: string;
  /** '' when the bucket had no readable owner. */
  previousOwner: string;
}

/**
 * The journal's record of an admin's ChangeBucketOwner. No projection folds it: the bucket's ACL
 * attribute is the truth, shared with every gateway on the file system; the event says who changed
 * it, when, and from what.
 */
export function bucketOwnerChanged(data: BucketOwnerChangedData, traceId?: string): NewEvent<BucketOwnerChangedData> {
  return { streamId: bucketStreamId(data.bucket), type: 'BucketOwnerChanged', data, traceId };
}
