import type { QueryLookup } from '../../../request/request-query';
import { ListBucketsCommand, type ListBucketsInput, type ListBucketsOutput } from '../../../operations/buckets/list-buckets/list-buckets.command';
import { invalidArgument } from '../../errors/s3-error';
import { toXml } from '../xml/xml-writer';
import { ownerXml } from '../xml/owner-xml';
import { S3Route, sendXml } from './s3-route';

/** AWS's bounds for max-buckets, and its value when the parameter is absent. */
const MAX_BUCKETS = 10_000;

function readMaxBuckets(query: QueryLookup): number {
  const raw = query.get('max-buckets');
  if (raw === null) return MAX_BUCKETS;
  const value = /^\d{1,5}$/.test(raw) ? Number(raw) : 0;
  if (value < 1 || value > MAX_BUCKETS) throw invalidArgument('Argument max-buckets must be an integer between 1 and 10000.', 'max-buckets', raw);
  return value;
}

function readListBucketsQuery(query: QueryLookup): ListBucketsInput {
  // An empty continuation-token or bucket-region is as good as none, as AWS reads them.
  return {
    prefix: query.get('prefix') ?? '',
    continuationToken: query.get('continuation-token') || undefined,
    maxBuckets: readMaxBuckets(query),
    bucketRegion: query.get('bucket-region') || undefined,
  };
}

export function listBucketsRoute(region: string): S3Route<ListBucketsOutput> {
  return {
    operation: 'ListBuckets',
    toCommand: ({ context, target }) => new ListBucketsCommand(context, readListBucketsQuery(target.query)),
    send(reply, page, { context, target }) {
      const prefix = target.query.get('prefix');
      const xml = toXml('ListAllMyBucketsResult', {
        Owner: ownerXml(context.account?.access ?? ''),
        Buckets: { Bucket: page.buckets.map((b) => ({ Name: b.name, CreationDate: b.creationDate.toISOString(), BucketRegion: region })) },
        ...(page.continuationToken !== undefined ? { ContinuationToken: page.continuationToken } : {}),
        ...(prefix ? { Prefix: prefix } : {}),
      });
      sendXml(reply, xml);
    },
  };
}
