import type { BucketInfo } from '../../../backends/backend';
import { ListBucketsCommand } from '../../../operations/buckets/list-buckets/list-buckets.command';
import { toXml } from '../xml/xml-writer';
import { ownerXml } from '../xml/owner-xml';
import { S3Route, sendXml } from './s3-route';

export const listBucketsRoute: S3Route<BucketInfo[]> = {
  operation: 'ListBuckets',
  toCommand: ({ context }) => new ListBucketsCommand(context, {}),
  send(reply, buckets, { context }) {
    const xml = toXml('ListAllMyBucketsResult', {
      Owner: ownerXml(context.account?.access ?? ''),
      Buckets: { Bucket: buckets.map((b) => ({ Name: b.name, CreationDate: b.creationDate.toISOString() })) },
    });
    sendXml(reply, xml);
  },
};
