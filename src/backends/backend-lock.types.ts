// Object lock of single versions (retention and legal hold), as the Backend port stores and enforces it.
import type { ObjectLockMode, VersionedObjectInput } from './backend.types';

/** A version's retention: it cannot be deleted before `retainUntilDate` (GOVERNANCE: unless bypassed). */
export interface ObjectRetention {
  mode: ObjectLockMode;
  retainUntilDate: Date;
}

/** A legal hold: ON keeps the version from deletion until it is turned OFF, whatever its retention. */
export type LegalHoldStatus = 'ON' | 'OFF';

/** What locks one version, as stored with it (and as x-amz-object-lock-* ask for it on a write). */
export interface ObjectLock {
  retention?: ObjectRetention;
  legalHold?: LegalHoldStatus;
}

/**
 * x-amz-bypass-governance-retention, once the access layer has judged it: true only when the
 * request asked for it and its account may (an admin, or a policy allowing s3:BypassGovernanceRetention).
 */
export interface GovernanceBypass {
  bypassGovernance?: boolean;
}

/** DeleteObject: a locked version named by its id is refused. */
export interface DeleteObjectInput extends VersionedObjectInput, GovernanceBypass {}

export interface PutObjectRetentionInput extends VersionedObjectInput, GovernanceBypass {
  /** Undefined removes the retention (a GOVERNANCE one, with the bypass). */
  retention: ObjectRetention | undefined;
}

export interface PutObjectLegalHoldInput extends VersionedObjectInput {
  legalHold: LegalHoldStatus;
}

/** Which version a lock change went to: its id in a versioned bucket, for the journal. */
export interface ObjectLockChangeOutput {
  versionId?: string;
}
