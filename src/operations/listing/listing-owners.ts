import type { BucketAccessStates } from '../../s3/access/bucket-access-states';

/** Whom a listing names as the owner of what it lists. */
export interface ListingOwners {
  /** The bucket owner's access key: the owner of everything without an owner of its own. */
  bucketOwner: string;
  /**
   * Whether the owners objects and uploads store (their ACL's) count: not under
   * BucketOwnerEnforced, where the bucket owner owns everything, whatever was stored (and the
   * listing reads no stored owner at all).
   */
  storedOwners: boolean;
}

/** From the bucket's cached access state (the admission loaded it): no read of its own in the common case. */
export async function listingOwners(states: BucketAccessStates, bucket: string): Promise<ListingOwners> {
  const state = states.peek(bucket) ?? (await states.get(bucket));
  return { bucketOwner: state.owner, storedOwners: state.ownership !== 'BucketOwnerEnforced' };
}
