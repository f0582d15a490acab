// The data set every server gets before the rows: the objects the reads read, the bucket of
// 1,000 keys for ListObjectsV2; written through S3 (signed) for the S3 servers, as files for nginx.
'use strict';
const { randomBytes } = require('node:crypto');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { CreateBucketCommand, PutObjectCommand } = require('@aws-sdk/client-s3');
const { BUCKET } = require('./scenarios');
const { clientFor } = require('./presign');

const UPLOADS_IN_FLIGHT = 16;

/** The objects and listed buckets `scenarios` read. */
function needs(scenarios) {
  return {
    objects: scenarios.filter((s) => s.object !== undefined).map((s) => ({ ...s.object, body: randomBytes(s.object.size) })),
    lists: scenarios.filter((s) => s.list !== undefined).map((s) => s.list),
  };
}

/** Creates the buckets and objects on an S3 server; the listed buckets get keys key-0000, key-0001, ... */
async function seedS3(server, scenarios) {
  const { objects, lists } = needs(scenarios);
  const s3 = clientFor(server);
  try {
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    for (const { key, body } of objects) await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body }));
    for (const { bucket, keys } of lists) {
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      let next = 0;
      const uploader = async () => {
        while (next < keys) {
          const key = `key-${String(next++).padStart(4, '0')}`;
          await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'listed' }));
        }
      };
      await Promise.all(Array.from({ length: UPLOADS_IN_FLIGHT }, uploader));
    }
  } finally {
    s3.destroy();
  }
}

/** Writes the objects as files under nginx's root (`dir`/data/bench/). */
function seedStatic(dir, scenarios) {
  const root = join(dir, 'data', BUCKET);
  mkdirSync(root, { recursive: true });
  for (const { key, body } of needs(scenarios).objects) writeFileSync(join(root, key), body);
}

module.exports = { seedS3, seedStatic };
