import type { BucketInfo, TracedInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

/** ListBuckets' query, AWS's 2024 pagination: every field optional in the request, defaults applied by the route. */
export interface ListBucketsInput extends TracedInput {
  /** Only names starting with it. */
  prefix: string;
  /** The last name of the previous page (the ContinuationToken it answered): the page starts after it. */
  continuationToken?: string;
  /** 1 to 10,000; 10,000 when not given. */
  maxBuckets: number;
  /** Only buckets in this region (all of tracegw's are in its one region). */
  bucketRegion?: string;
}

export interface ListBucketsOutput {
  buckets: BucketInfo[];
  /** Set when more buckets follow: what the next request passes as continuation-token. */
  continuationToken?: string;
}

export class ListBucketsCommand extends s3Command<ListBucketsInput, ListBucketsOutput>('ListBuckets') {}
