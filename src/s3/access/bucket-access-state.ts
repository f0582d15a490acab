import type { AccessControlList, BucketAccessConfig, ObjectOwnership, PublicAccessBlock } from '../../backends/backend';
import { type CompiledPolicy, compilePolicy, UNREADABLE_POLICY } from './policy/policy-compiler';
import { parsePolicy } from './policy/policy-parser';

/** A bucket's access settings as the access check of each request reads them, its policy compiled. */
export interface BucketAccessState {
  readonly owner: string;
  readonly acl: AccessControlList;
  readonly ownership: ObjectOwnership | undefined;
  readonly publicAccessBlock: PublicAccessBlock | undefined;
  readonly policy: CompiledPolicy | undefined;
  /** The policy's text, to reuse its compiled form while it does not change. */
  readonly policyText: string | undefined;
}

/**
 * Builds the state from what the bucket stores. The policy is compiled here, once per change of
 * its text (`previous` lends its compiled form when the text is the one it had): a reload after the
 * cache's lifetime costs the attributes' reads, not a compilation. A stored policy that no longer
 * parses (written by hand, or naming what this version refuses) denies everything but the owner's
 * policy operations, rather than being skipped and opening the bucket up.
 */
export function bucketAccessState(bucket: string, config: BucketAccessConfig, previous?: BucketAccessState): BucketAccessState {
  return {
    owner: config.acl.owner,
    acl: config.acl,
    ownership: config.ownership,
    publicAccessBlock: config.publicAccessBlock,
    policy: config.policy === undefined ? undefined : previous?.policyText === config.policy ? previous.policy : compileStored(bucket, config.policy),
    policyText: config.policy,
  };
}

function compileStored(bucket: string, text: string): CompiledPolicy {
  try {
    // Principals are not checked against today's accounts: one deleted since matches no caller.
    return compilePolicy(parsePolicy(text, { bucket, accountExists: () => true }));
  } catch {
    return UNREADABLE_POLICY;
  }
}
