import type { NewEvent, StoredEvent } from '../journal/event';

/** Names one key in every event about its versions. */
export interface ObjectIdentity {
  bucket: string;
  key: string;
}

/** Who did it and through which S3 operation: what "who deleted this, and which version?" asks. */
interface Actor {
  /** The access key of the account; '' for an anonymous request. */
  account: string;
  operation: string;
}

export interface ObjectVersionCreatedData extends ObjectIdentity, Actor {
  versionId: string;
  etag: string;
}

export interface DeleteMarkerCreatedData extends ObjectIdentity, Actor {
  versionId: string;
}

export interface ObjectVersionDeletedData extends ObjectIdentity, Actor {
  versionId: string;
  /** The version removed was a delete marker. */
  deleteMarker: boolean;
}

/** PutObjectRetention: the version's retention as it now is (none: removed). */
export interface ObjectRetentionChangedData extends ObjectIdentity, Actor {
  versionId: string;
  mode?: string;
  /** ISO 8601. */
  retainUntilDate?: string;
  /** The change went through with x-amz-bypass-governance-retention honoured. */
  bypassGovernance: boolean;
}

/** PutObjectLegalHold: the version's legal hold as it now is. */
export interface ObjectLegalHoldChangedData extends ObjectIdentity, Actor {
  versionId: string;
  status: string;
}

export type VersionEvent =
  | { type: 'ObjectVersionCreated'; data: ObjectVersionCreatedData }
  | { type: 'DeleteMarkerCreated'; data: DeleteMarkerCreatedData }
  | { type: 'ObjectVersionDeleted'; data: ObjectVersionDeletedData }
  | { type: 'ObjectRetentionChanged'; data: ObjectRetentionChangedData }
  | { type: 'ObjectLegalHoldChanged'; data: ObjectLegalHoldChangedData };

export type StoredVersionEvent = StoredEvent & VersionEvent;

/** One stream per key of a versioned bucket: its versions' whole story reads back with EventStore.readStream. */
export function objectStreamId(object: ObjectIdentity): string {
  return `object:${object.bucket}/${object.key}`;
}

const identity = (object: ObjectIdentity, actor: Actor) => ({ bucket: object.bucket, key: object.key, account: actor.account, operation: actor.operation });

/* Builders copy known fields one by one, so nothing else a request carried reaches the append-only log. */

export function objectVersionCreated(object: ObjectIdentity, actor: Actor, version: { versionId: string; etag: string }, traceId?: string): NewEvent<ObjectVersionCreatedData> {
  return { streamId: objectStreamId(object), type: 'ObjectVersionCreated', data: { ...identity(object, actor), versionId: version.versionId, etag: version.etag }, traceId };
}

export function deleteMarkerCreated(object: ObjectIdentity, actor: Actor, versionId: string, traceId?: string): NewEvent<DeleteMarkerCreatedData> {
  return { streamId: objectStreamId(object), type: 'DeleteMarkerCreated', data: { ...identity(object, actor), versionId }, traceId };
}

export function objectVersionDeleted(object: ObjectIdentity, actor: Actor, version: { versionId: string; deleteMarker: boolean }, traceId?: string): NewEvent<ObjectVersionDeletedData> {
  return { streamId: objectStreamId(object), type: 'ObjectVersionDeleted', data: { ...identity(object, actor), versionId: version.versionId, deleteMarker: version.deleteMarker }, traceId };
}

export function objectRetentionChanged(
  object: ObjectIdentity,
  actor: Actor,
  change: { versionId: string; retention?: { mode: string; retainUntilDate: Date }; bypassGovernance: boolean },
  traceId?: string,
): NewEvent<ObjectRetentionChangedData> {
  const retention = change.retention === undefined ? {} : { mode: change.retention.mode, retainUntilDate: change.retention.retainUntilDate.toISOString() };
  return {
    streamId: objectStreamId(object),
    type: 'ObjectRetentionChanged',
    data: { ...identity(object, actor), versionId: change.versionId, ...retention, bypassGovernance: change.bypassGovernance },
    traceId,
  };
}

export function objectLegalHoldChanged(object: ObjectIdentity, actor: Actor, change: { versionId: string; status: string }, traceId?: string): NewEvent<ObjectLegalHoldChangedData> {
  return { streamId: objectStreamId(object), type: 'ObjectLegalHoldChanged', data: { ...identity(object, actor), versionId: change.versionId, status: change.status }, traceId };
}
