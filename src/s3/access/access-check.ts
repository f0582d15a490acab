import { Inject, Injectable } from '@nestjs/common';
import { BACKEND, Backend, type AccessControlList, type TagSet } from '../../backends/backend';
import type { Account } from '../../iam/account';
import { S3Error } from '../errors/s3-error';
import type { S3Operation } from '../s3-operations';
import { aclGrants } from './acl-grants';
import type { AccessRequest } from './access-request';
import type { BucketAccessState } from './bucket-access-state';
import { BucketAccessStates } from './bucket-access-states';
import { OPERATION_PERMISSIONS, type OperationPermission } from './operation-permissions';
import { evaluatePolicy } from './policy/policy-evaluator';
import { requestConditions } from './request-conditions';

/** Operations any authenticated account may call without owning anything. */
const ACCOUNT_LEVEL: ReadonlySet<S3Operation> = new Set(['ListBuckets']);
/** Roles allowed to create buckets (VersityGW: plain users work only in buckets given to them). */
const BUCKET_CREATORS: ReadonlySet<Account['role']> = new Set(['admin', 'userplus']);

/**
 * Decides whether a caller may run an operation on a resource, before the command runs (so a
 * refused request changes nothing). The order, as AWS evaluates it (docs/access-control.md):
 * 1. an admin may do anything (VersityGW's role), any account may list its buckets, a userplus
 *    or admin create one; nobody else acts outside a bucket;
 * 2. the bucket's policy: an explicit Deny refuses, whoever asks (the owner keeps its policy and
 *    public access block operations);
 * 3. the bucket's owner may do everything else;
 * 4. a policy Allow lets the caller in, unless RestrictPublicBuckets holds and the policy is public;
 * 5. an ACL grant lets it in where the operation has an ACL permission, unless ownership controls
 *    say BucketOwnerEnforced (ACLs disabled); IgnorePublicAcls discounts the group grants.
 * Anything else is AccessDenied; anonymous callers get only what steps 4 and 5 give "everyone".
 * A bucket without a policy costs its owner one map lookup, as the owner check always did.
 */
@Injectable()
export class AccessCheck {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    private readonly states: BucketAccessStates,
  ) {}

  async assertAllowed(request: AccessRequest): Promise<void> {
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
    if (isOwner && state.policy === undefined) return;
    // Its keys are checked one by one, as DeleteObjects of their own, when a policy may speak of them.
    if (operation === 'DeleteObjects' && state.policy !== undefined) return;
    const permission = OPERATION_PERMISSIONS[operation];
    if (permission === undefined) {
      if (isOwner) return;
      throw new S3Error('AccessDenied');
    }
    if (await this.decidedByPolicy(request, state, permission, isOwner)) return;
    if (isOwner) return;
    if (!(await this.aclAllows(request, state, permission))) throw new S3Error('AccessDenied');
  }

  /**
   * Whether the copy's source may be read by the caller: the same rules, as a GetObject of it.
   * The admission checked the destination only.
   */
  assertSourceReadable(request: AccessRequest, source: { bucket: string; key: string }): Promise<void> {
    return this.assertAllowed({ ...request, operation: 'GetObject', resource: { level: 'object', ...source } });
  }

  /** Policy step: true when an Allow lets the caller in, AccessDenied on a Deny, false when the policy says nothing. */
  private async decidedByPolicy(request: AccessRequest, state: BucketAccessState, permission: OperationPermission, isOwner: boolean): Promise<boolean> {
    const { policy } = state;
    if (policy === undefined || (isOwner && permission.ownerAlways)) return false;
    const { resource } = request;
    if (resource.level === 'service') return false;
    const key = resource.level === 'object' ? resource.key : undefined;
    const tags = policy.readsObjectTags && key !== undefined ? await this.objectTags(resource.bucket, key) : undefined;
    const decision = evaluatePolicy(policy, {
      principal: request.account?.access,
      action: permission.action,
      resource: key === undefined ? resource.bucket : `${resource.bucket}/${key}`,
      conditions: requestConditions(request, Date.now, tags),
    });
    if (decision === 'deny') throw new S3Error('AccessDenied');
    if (decision === 'none' || isOwner) return false;
    return !(state.publicAccessBlock?.RestrictPublicBuckets && policy.isPublic);
  }

  private async aclAllows(request: AccessRequest, state: BucketAccessState, permission: OperationPermission): Promise<boolean> {
    const { acl: wanted } = permission;
    const { resource } = request;
    if (wanted === undefined || state.ownership === 'BucketOwnerEnforced' || resource.level === 'service') return false;
    const ignorePublic = state.publicAccessBlock?.IgnorePublicAcls === true;
    const principal = request.account?.access;
    let acl: AccessControlList = state.acl;
    if (wanted.on === 'object' && resource.level === 'object') acl = (await this.objectAcl(resource.bucket, resource.key)) ?? state.acl;
    return aclGrants(acl, principal, wanted.permission, ignorePublic);
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
