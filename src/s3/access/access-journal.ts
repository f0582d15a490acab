import type { BucketAccessChange, AccessControlList } from '../../backends/backend';
import { bucketStreamId } from '../../journal/bucket-changes';
import type { EventStore } from '../../journal/event-store';

/** DI token of the AccessJournal. */
export const ACCESS_JOURNAL = Symbol('AccessJournal');

/** Event types of a bucket's stream for its access settings, by what changed. */
const CHANGE_EVENTS: Readonly<Record<BucketAccessChange['kind'], { put: string; deleted: string }>> = {
  acl: { put: 'BucketAclPut', deleted: 'BucketAclPut' },
  ownership: { put: 'BucketOwnershipControlsPut', deleted: 'BucketOwnershipControlsDeleted' },
  publicAccessBlock: { put: 'PublicAccessBlockPut', deleted: 'PublicAccessBlockDeleted' },
  policy: { put: 'BucketPolicyPut', deleted: 'BucketPolicyDeleted' },
};

/**
 * The journal's record of changes to buckets' and objects' access settings, as events of the
 * bucket's stream (`bucket:<name>`, where the admin's change of owner goes too), and of buckets
 * created and deleted, which make and drop all of a bucket's settings at once: the other --workers
 * forget what they cached of the bucket when BucketChanges shows them any of these. No projection
 * folds them: the attributes on the file system are the truth every gateway shares; the events say
 * who changed what, when, and to what, and lead back to the request's trace.
 */
export class AccessJournal {
  constructor(private readonly events: EventStore) {}

  bucketChanged(bucket: string, change: BucketAccessChange, account: string | undefined, traceId: string): void {
    const names = CHANGE_EVENTS[change.kind];
    const type = change.value === undefined ? names.deleted : names.put;
    this.events.append({ streamId: bucketStreamId(bucket), type, data: { bucket, account: account ?? null, value: change.value ?? null }, traceId });
  }

  /** CreateBucket: the bucket is new, owned by `owner` (the account that created it). */
  bucketCreated(bucket: string, owner: string, traceId: string): void {
    this.events.append({ streamId: bucketStreamId(bucket), type: 'BucketCreated', data: { bucket, owner }, traceId });
  }

  /** DeleteBucket: the bucket is gone with its settings; `owner` is whom it belonged to ('' when unreadable). */
  bucketDeleted(bucket: string, owner: string, account: string | undefined, traceId: string): void {
    this.events.append({ streamId: bucketStreamId(bucket), type: 'BucketDeleted', data: { bucket, owner, account: account ?? null }, traceId });
  }

  /** PutBucketVersioning: writes from now on keep (or stop keeping) older versions, on every worker. */
  bucketVersioningChanged(bucket: string, status: string, account: string | undefined, traceId: string): void {
    this.events.append({ streamId: bucketStreamId(bucket), type: 'BucketVersioningPut', data: { bucket, account: account ?? null, status }, traceId });
  }

  objectAclChanged(bucket: string, key: string, acl: AccessControlList, account: string | undefined, traceId: string): void {
    this.events.append({ streamId: bucketStreamId(bucket), type: 'ObjectAclPut', data: { bucket, key, account: account ?? null, value: acl }, traceId });
  }
}
