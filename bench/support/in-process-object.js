'use strict';
// A gateway made in this process (createApp of some build) listening on a loopback port, with one
// 4 KiB object and a presigned GET of it: what the in-process cost benches measure against.
const { Buffer } = require('node:buffer');
const { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand } = require('@aws-sdk/client-s3');
const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');

/** Listens on 127.0.0.1 (a free port), stores bench/object-4k.bin and resolves its presigned GET URL. */
async function servePresignedObject(gateway, credentials) {
  await gateway.app.listen(0, '127.0.0.1');
  const { port } = gateway.app.getHttpServer().address();
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: credentials.access, secretAccessKey: credentials.secret },
  });
  try {
    await client.send(new CreateBucketCommand({ Bucket: 'bench' }));
    await client.send(new PutObjectCommand({ Bucket: 'bench', Key: 'object-4k.bin', Body: Buffer.alloc(4096, 7) }));
    return await getSignedUrl(client, new GetObjectCommand({ Bucket: 'bench', Key: 'object-4k.bin' }), { expiresIn: 3600 });
  } finally {
    client.destroy();
  }
}

module.exports = { servePresignedObject };
