import type { BucketInfo } from '../../../backends/backend';
import type { ListBucketsInput, ListBucketsOutput } from './list-buckets.command';

/**
 * One page of the buckets an account may see, sorted by name: those after the continuation token
 * that match the prefix, at most maxBuckets. The token, as VersityGW's, is the page's last name,
 * and is given only when another matching bucket follows.
 */
export function bucketPage(visible: readonly BucketInfo[], { prefix, continuationToken, maxBuckets }: ListBucketsInput): ListBucketsOutput {
  const matching = visible.filter((bucket) => bucket.name.startsWith(prefix) && (continuationToken === undefined || bucket.name > continuationToken));
  if (matching.length <= maxBuckets) return { buckets: matching };
  const buckets = matching.slice(0, maxBuckets);
  return { buckets, continuationToken: buckets[buckets.length - 1].name };
}
