import { Inject, Injectable } from '@nestjs/common';
import { BACKEND, Backend, type AccessControlList, type TagSet } from '../../backends/backend';
import type { Account } from '../../iam/account';
import { S3Error } from '../errors/s3-error';
import type { S3Operation } from '../s3-operations';
import { aclGrants } from './acl-grants';
import { foreignObjectAllows, isForeignObject } from './foreign-objects';
import type { AccessRequest } from './access-request';
import type { BucketAccessState } from './bucket-access-state';
import { BucketAccessStates } from './bucket-access-states';
import { OPERATION_PERMISSIONS, type OperationPermission } from './operation-permissions';
import type { CompiledPolicy } from './policy/policy-compiler';
import { evaluatePolicy, type PolicyDecision } from './policy/policy-evaluator';
import type { S3Action } from './policy/s3-actions';
import { requestConditions } from './request-conditions';

/** Operations any authenticated account may call without owning anything. */
const ACCOUNT_LEVEL: ReadonlySet<S3Operation> = new Set(['ListBuckets']);
/** Operations whose handler checks a foreign object's ACL from the attributes its read returns. */
const CHECKED_AFTER_OPEN: ReadonlySet<S3Operation> = new Set(['GetObject', 'HeadObject']);
/** Roles allowed to create buckets (VersityGW: plain users work only in buckets given to them). */
const BUCKET_CREATORS: ReadonlySet<Account['role']> = new Set(['admin', 'userplus']);

/**
 * Decides whether a caller may run an operation on a resource, before the command runs (so a
 * refused request changes nothing). The order, as AWS evaluates it (docs/access-control.md):
 * 1. an admin may do anything (VersityGW's role), any account may list its buckets, a userplus
 *    or admin create one; nobody else acts outside a bucket;
 * 2. the bucket's policy: an explicit Deny refuses, whoever asks (the owner keeps its policy and
 *    public access block operations);
 * 3. an object written by another account than the bucket's owner, with ACLs enabled (a foreign
 *    object, foreign-objects.ts): for what its ACL governs (reading it, its ACL) only that ACL
 *    counts, for the bucket owner too; its owner may always read and change the ACL;
 * 4. the bucket's owner may do everything else;
 * 5. a policy Allow lets the caller in, unless RestrictPublicBuckets holds and the policy is public;
 * 6. an ACL grant lets it in where the operation has an ACL permission, unless ownership controls
 *    say BucketOwnerEnforced (ACLs disabled); IgnorePublicAcls discounts the group grants.
 * Anything else is AccessDenied; anonymous callers get only what steps 5 and 6 give "everyone".
 * A bucket without a policy costs its owner one map lookup, as the owner check always did.
 */
@Injectable()
export class AccessCheck {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    private readonly states: BucketAccessStates,
  ) {}

  /**
   * The admission's check. A GET or HEAD by the bucket owner of a bucket without a policy does not
   * read the object's ACL here: its handler holds the object to it from the attributes its read
   * returns (assertOpenedObjectReadable), so the owner's reads cost no extra trip.
   */
  assertAllowed(request: AccessRequest): Promise<void> {
    return this.check(request, CHECKED_AFTER_OPEN.has(request.operation));
  }

  /**
   * Whether the copy's source may be read by the caller: the same rules, as a GetObject of it.
   * The admission checked the destination only.
   */
  assertSourceReadable(request: AccessRequest, source: { bucket: string; key: string }): Promise<void> {
    return this.check({ ...request, operation: 'GetObject', resource: { level: 'object', ...source } }, false);
  }

  /**
   * A GET or HEAD, once the object is open, held to its own ACL (`acl`, read with its other
   * attributes) when it belongs to another account than the bucket's: AccessDenied unless that
   * ACL lets the caller read it. The admission has checked the rest.
   */
  async assertOpenedObjectReadable(account: Account | undefined, bucket: string, acl: AccessControlList | undefined): Promise<void> {
    if (acl === undefined || account?.role === 'admin') return;
    const state = this.states.peek(bucket) ?? (await this.states.get(bucket));
    if (!isForeignObject(acl, state)) return;
    if (!foreignObjectAllows(acl, account?.access, 'READ', state.publicAccessBlock?.IgnorePublicAcls === true)) throw new S3Error('AccessDenied');
  }

  /** `objectAclLater`: the caller checks a foreign object's ACL itself once it has the object open. */
  private async check(request: AccessRequest, objectAclLater: boolean): Promise<void> {
    const { account, operation, resource } = request;
    if (account?.role === 'admin') return;
    if (ACCOUNT_LEVEL.has(operation)) {
      if (account === undefined) throw new S3Error('AccessDenied');
      return;
    }
    if (operation === 'CreateBucket') {
      if (account === undefined || !BUCKET_CREATORS.has(account.role)) throw new S3Error('AccessDenied');
      return;
    }
    if (resource.level === 'service') throw new S3Error('AccessDenied');
    // A missing bucket answers NoSuchBucket to everyone, as AWS does.
    const state = this.states.peek(resource.bucket) ?? (await this.states.get(resource.bucket));
    const principal = account?.access;
    const isOwner = principal !== undefined && principal === state.owner;
    const permission = OPERATION_PERMISSIONS[operation];
    // Object permissions are the object owner's to give, and its owner may not be the bucket's.
    const onObject = permission?.acl?.on === 'object' && resource.level === 'object' && state.ownership !== 'BucketOwnerEnforced';
    if (isOwner && state.policy === undefined && (!onObject || objectAclLater)) return;
    // Its keys are checked one by one, as DeleteObjects of their own, when a policy may speak of them.
    if (operation === 'DeleteObjects' && state.policy !== undefined) return;
    if (permission === undefined) {
      if (isOwner) return;
      throw new S3Error('AccessDenied');
    }
    const objectAcl = onObject && resource.level === 'object' ? await this.objectAcl(resource.bucket, resource.key) : undefined;
    if (isForeignObject(objectAcl, state)) {
      // The policy may still deny; what it allows, the object's owner has not given.
      await this.decidedByPolicy(request, state, permission, isOwner);
      const wanted = permission.acl?.permission ?? 'FULL_CONTROL';
      if (!foreignObjectAllows(objectAcl, principal, wanted, state.publicAccessBlock?.IgnorePublicAcls === true)) throw new S3Error('AccessDenied');
      return;
    }
    if (await this.decidedByPolicy(request, state, permission, isOwner)) return;
    if (isOwner) return;
    if (!this.aclAllows(state, permission, principal, objectAcl)) throw new S3Error('AccessDenied');
  }

  /**
   * Whether x-amz-bypass-governance-retention is honoured for the caller: an admin's (the root's)
   * always; anyone else's, the bucket's owner included, only where the bucket's policy allows it
   * s3:BypassGovernanceRetention on the object (as VersityGW asks), and nothing there denies it.
   */
  async mayBypassGovernance(request: AccessRequest): Promise<boolean> {
    if (request.account?.role === 'admin') return true;
    const { resource } = request;
    if (resource.level === 'service') return false;
    const state = this.states.peek(resource.bucket) ?? (await this.states.get(resource.bucket));
    if (state.policy === undefined) return false;
    return (await this.policyDecision(request, state.policy, 's3:BypassGovernanceRetention')) === 'allow';
  }

  /** Policy step: true when an Allow lets the caller in, AccessDenied on a Deny, false when the policy says nothing. */
  private async decidedByPolicy(request: AccessRequest, state: BucketAccessState, permission: OperationPermission, isOwner: boolean): Promise<boolean> {
    const { policy } = state;
    if (policy === undefined || (isOwner && permission.ownerAlways)) return false;
    if (request.resource.level === 'service') return false;
    const decision = await this.policyDecision(request, policy, permission.action);
    if (decision === 'deny') throw new S3Error('AccessDenied');
    if (decision === 'none' || isOwner) return false;
    return !(state.publicAccessBlock?.RestrictPublicBuckets && policy.isPublic);
  }

  private async policyDecision(request: AccessRequest, policy: CompiledPolicy, action: S3Action): Promise<PolicyDecision> {
    const { resource } = request;
    if (resource.level === 'service') return 'none';
    const key = resource.level === 'object' ? resource.key : undefined;
    const tags = policy.readsObjectTags && key !== undefined ? await this.objectTags(resource.bucket, key) : undefined;
    return evaluatePolicy(policy, {
      principal: request.account?.access,
      action,
      resource: key === undefined ? resource.bucket : `${resource.bucket}/${key}`,
      conditions: requestConditions(request, Date.now, tags),
    });
  }

  /** ACL step: the bucket's ACL, or for object permissions the object's own (`objectAcl`) where it has one. */
  private aclAllows(state: BucketAccessState, permission: OperationPermission, principal: string | undefined, objectAcl: AccessControlList | undefined): boolean {
    const { acl: wanted } = permission;
    if (wanted === undefined || state.ownership === 'BucketOwnerEnforced') return false;
    const acl = wanted.on === 'object' ? (objectAcl ?? state.acl) : state.acl;
    return aclGrants(acl, principal, wanted.permission, state.publicAccessBlock?.IgnorePublicAcls === true);
  }

  /** The object's own ACL; a missing object (or one without an ACL) follows its bucket's. */
  private objectAcl(bucket: string, key: string): Promise<AccessControlList | undefined> {
    return unlessNoSuchKey(this.backend.getObjectAcl({ bucket, key }));
  }

  /** The object's tags for s3:ExistingObjectTag; a missing object has none (the key is absent). */
  private objectTags(bucket: string, key: string): Promise<TagSet | undefined> {
    return unlessNoSuchKey(this.backend.getObjectTagging({ bucket, key }));
  }
}

async function unlessNoSuchKey<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (err) {
    if (S3Error.is(err, 'NoSuchKey')) return undefined;
    throw err;
  }
}
