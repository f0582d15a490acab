// The azure backend's cost: the same requests through tracegw (S3 API, azure backend) and straight
// to Azurite with @azure/storage-blob, alternating in one run. Run by hand after `npm run build`:
//   node bench/azure-overhead.js [requests per round and row, default 300] [rounds, default 5]
// Talks to 127.0.0.1 only; Azurite runs as a child process over a temp dir removed at the end.
'use strict';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
require('reflect-metadata');
const { spawn } = require('node:child_process');
const { setTimeout, clearTimeout } = require('node:timers');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { BlobServiceClient, StorageSharedKeyCredential } = require('@azure/storage-blob');
const { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand, HeadObjectCommand } = require('@aws-sdk/client-s3');
const { overheadSettings, alternateRounds, printOverheadTable } = require('./support/overhead-rounds');

const { requests: REQUESTS, rounds: ROUNDS, access: ACCESS, secret: SECRET, body: BODY } = overheadSettings(process.argv);
const dist = join(__dirname, '..', 'dist');
const { createApp } = require(join(dist, 'app.factory'));
const { resolveGatewayConfig } = require(join(dist, 'config'));

const ACCOUNT = 'devstoreaccount1';
const KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

async function startAzurite(location) {
  const main = join(__dirname, '..', 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');
  const child = spawn(process.execPath, [main, '--blobHost', '127.0.0.1', '--blobPort', '0', '--location', location, '--silent', '--disableTelemetry', '--loose', '--skipApiVersionCheck'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`azurite did not start: ${output}`)), 20_000);
    child.stdout.on('data', (d) => {
      output += d;
      const m = /listens on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
  });
  return { child, url: `http://127.0.0.1:${port}/${ACCOUNT}/` };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tracegw-azure-bench-'));
  const azurite = await startAzurite(join(dir, 'azurite'));
  const { config } = resolveGatewayConfig({ flags: { access: ACCESS, secret: SECRET, quiet: true, account: ACCOUNT, accessKey: KEY, url: azurite.url }, env: {}, cwd: dir, backend: 'azure' });
  const app = await createApp(config);
  await app.app.listen(0, '127.0.0.1');
  const { port } = app.app.getHttpServer().address();
  const s3 = new S3Client({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: ACCESS, secretAccessKey: SECRET }, requestChecksumCalculation: 'WHEN_REQUIRED' });
  const container = new BlobServiceClient(azurite.url, new StorageSharedKeyCredential(ACCOUNT, KEY)).getContainerClient('direct');
  await container.create();
  await s3.send(new CreateBucketCommand({ Bucket: 'viagateway' }));
  const rows = {
    'PUT 4 KiB': {
      gateway: (i) => s3.send(new PutObjectCommand({ Bucket: 'viagateway', Key: `o${i}`, Body: BODY })),
      direct: (i) => container.getBlockBlobClient(`o${i}`).upload(BODY, BODY.length),
    },
    'GET 4 KiB': {
      gateway: async (i) => (await s3.send(new GetObjectCommand({ Bucket: 'viagateway', Key: `o${i}` }))).Body.transformToByteArray(),
      direct: (i) => container.getBlockBlobClient(`o${i}`).downloadToBuffer(),
    },
    HEAD: {
      gateway: (i) => s3.send(new HeadObjectCommand({ Bucket: 'viagateway', Key: `o${i}` })),
      direct: (i) => container.getBlockBlobClient(`o${i}`).getProperties(),
    },
  };
  let results;
  try {
    results = await alternateRounds(rows, REQUESTS, ROUNDS);
  } finally {
    s3.destroy();
    await app.close();
    azurite.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
  printOverheadTable(results, { requests: REQUESTS, rounds: ROUNDS, direct: 'Azurite direct' });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
