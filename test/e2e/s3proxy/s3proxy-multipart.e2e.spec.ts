import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { multipartCases, twoPartUpload } from '../support/backend-cases/multipart-cases';
import { type ProxiedGateway, startProxiedGateway } from './s3proxy-gateway';

/** Multipart uploads: the upstream's own, its upload ids handed to the client unchanged. */
describe('s3proxy backend: multipart uploads (tracegw s3 → tracegw posix)', () => {
  let gw: ProxiedGateway;
  let s3: S3Client;
  const Bucket = 'multipart';

  beforeAll(async () => {
    gw = await startProxiedGateway();
    s3 = gw.proxy.s3();
    await s3.send(new CreateBucketCommand({ Bucket }));
  });
  afterAll(() => gw?.stop());

  it('uploads parts (one again), lists them and the upload, and completes into one object with the S3 ETag', async () => {
    await twoPartUpload(() => s3, Bucket, 'big/object.bin', async () => {});
  });

  multipartCases(() => s3, Bucket);
});
