import { CreateBucketCommand, CreateMultipartUploadCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { LISTING_KEYS, listingCases } from '../support/backend-cases/listing-cases';
import { type AzureGateway, startAzureGateway } from './azure-gateway';

/** ListObjects(V2) through Azure's hierarchical listing, in S3's order, against Azurite. */
describe('azure backend: listing (Azurite)', () => {
  let az: AzureGateway;
  let s3: S3Client;
  const Bucket = 'listing';

  beforeAll(async () => {
    az = await startAzureGateway();
    s3 = az.gateway.s3();
    await s3.send(new CreateBucketCommand({ Bucket }));
    for (const Key of LISTING_KEYS) await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
    // An upload in flight puts blobs under .sgwtmp/: never listed.
    await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'a/inflight' }));
  });
  afterAll(() => az?.stop());

  listingCases(() => s3, Bucket);
});
