import type { DeleteObjectOutput, LegalHoldStatus, ObjectLockChangeOutput, ObjectRetention } from '../backends/backend.types';
import type { EventStore } from '../journal/event-store';
import type { RequestContext } from '../request/request-context';
import {
  deleteMarkerCreated,
  type ObjectIdentity,
  objectLegalHoldChanged,
  objectRetentionChanged,
  objectStreamId,
  objectVersionCreated,
  objectVersionDeleted,
  type StoredVersionEvent,
} from './version-events';

/** What a record needs of the command that made the change: who asked, and as which operation. */
export interface JournaledCommand {
  readonly operation: string;
  readonly context: RequestContext;
}

/**
 * This node's record of what happened to the versions of versioned buckets' keys: a version made
 * (PutObject, CopyObject, CompleteMultipartUpload), a delete marker made, a version removed for
 * good, a version's retention or legal hold changed, each an event of the key's stream with the account, the operation and the trace id. The
 * versions themselves live on the file system; this is who did what to them, through this node.
 * Only writes that got a version id are recorded: an unversioned bucket adds nothing.
 */
export class VersionsJournal {
  constructor(private readonly events: EventStore) {}

  /** A write that made a version (no id: an unversioned bucket or the null version, nothing recorded). */
  created(command: JournaledCommand, object: ObjectIdentity, result: { versionId?: string; etag: string }): void {
    if (result.versionId === undefined) return;
    this.events.append(objectVersionCreated(object, actorOf(command), { versionId: result.versionId, etag: result.etag }, command.context.traceId));
  }

  /** A DeleteObject's outcome: the delete marker it made, or the version it removed. */
  deleted(command: JournaledCommand, object: ObjectIdentity & { versionId?: string }, result: DeleteObjectOutput): void {
    if (result.versionId === undefined) return;
    const actor = actorOf(command);
    const { traceId } = command.context;
    const event =
      object.versionId === undefined
        ? deleteMarkerCreated(object, actor, result.versionId, traceId)
        : objectVersionDeleted(object, actor, { versionId: result.versionId, deleteMarker: result.deleteMarker === true }, traceId);
    this.events.append(event);
  }

  /**
   * A version's retention set, changed or removed. Recorded in any bucket with object lock, the
   * unversioned ones included (their one version is `null`): a lock change is worth knowing everywhere.
   */
  retentionChanged(command: JournaledCommand, object: ObjectIdentity, result: ObjectLockChangeOutput, change: { retention?: ObjectRetention; bypassGovernance: boolean }): void {
    this.events.append(objectRetentionChanged(object, actorOf(command), { versionId: result.versionId ?? 'null', ...change }, command.context.traceId));
  }

  /** A version's legal hold turned ON or OFF, recorded as retention changes are. */
  legalHoldChanged(command: JournaledCommand, object: ObjectIdentity, result: ObjectLockChangeOutput, status: LegalHoldStatus): void {
    this.events.append(objectLegalHoldChanged(object, actorOf(command), { versionId: result.versionId ?? 'null', status }, command.context.traceId));
  }

  /** The key's events in order, oldest first. */
  history(object: ObjectIdentity): StoredVersionEvent[] {
    return this.events.readStream(objectStreamId(object)) as StoredVersionEvent[];
  }
}

const actorOf = (command: JournaledCommand) => ({ account: command.context.account?.access ?? '', operation: command.operation });
