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

export type VersionEvent =
  | { type: 'ObjectVersionCreated'; data: ObjectVersionCreatedData }
  | { type: 'DeleteMarkerCreated'; data: DeleteMarkerCreatedData }
  | { type: 'ObjectVersionDeleted'; data: ObjectVersionDeletedData };

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
