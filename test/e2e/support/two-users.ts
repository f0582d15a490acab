import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import type { RunningGateway } from './gateway';

/**
 * Two `userplus` accounts (they may create buckets, and act only in their own), each with a
 * client, and a bucket of its own: for tests of what one user may do with the other's data.
 */
export async function twoUsersWithBuckets(gw: RunningGateway, prefix: string): Promise<{ alice: S3Client; bob: S3Client; aliceBucket: string; bobBucket: string }> {
  const tag = prefix.toUpperCase().replace(/[^A-Z0-9]/g, '').padEnd(8, 'X').slice(0, 8);
  const alice = { access: `ALICE${tag}0000001`, secret: `alice-${prefix}-secret-key-000000000000000000` };
  const bob = { access: `BOBXX${tag}0000001`, secret: `bob-${prefix}-secret-key-0000000000000000000` };
  gw.gateway.services.iam.createAccount({ ...alice, role: 'userplus' });
  gw.gateway.services.iam.createAccount({ ...bob, role: 'userplus' });
  const clients = { alice: gw.s3(alice), bob: gw.s3(bob), aliceBucket: `alice-${prefix}`, bobBucket: `bob-${prefix}` };
  await clients.alice.send(new CreateBucketCommand({ Bucket: clients.aliceBucket }));
  await clients.bob.send(new CreateBucketCommand({ Bucket: clients.bobBucket }));
  return clients;
}
