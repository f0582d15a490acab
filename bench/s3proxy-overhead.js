// The s3proxy backend's cost: the same requests through tracegw s3 and straight to its upstream (a
// tracegw posix, the built gateway in its own process), both with @aws-sdk/client-s3, alternating in
// one run. Run by hand after `npm run build`:
//   node bench/s3proxy-overhead.js [requests per round and row, default 300] [rounds, default 5]
// Talks to 127.0.0.1 only; the upstream's root directory is a temp dir removed at the end.
'use strict';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
require('reflect-metadata');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand } = require('@aws-sdk/client-s3');
const { start, stop, ALL_CORES } = require('./support/children');
const { freePort, waitUntilAnswering } = require('./support/ports');
const { overheadSettings, alternateRounds, printOverheadTable } = require('./support/overhead-rounds');

const { requests: REQUESTS, rounds: ROUNDS, access: ACCESS, secret: SECRET, body: BODY } = overheadSettings(process.argv);
const dist = join(__dirname, '..', 'dist');
const { createApp } = require(join(dist, 'app.factory'));
const { resolveGatewayConfig } = require(join(dist, 'config'));


/** A client as the bench's own requests send them: no flexible checksums, as on the azure bench. */
function client(endpoint) {
  return new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: ACCESS, secretAccessKey: SECRET }, requestChecksumCalculation: 'WHEN_REQUIRED' });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tracegw-s3proxy-bench-'));
  const upstreamPort = await freePort();
  const upstreamUrl = `http://127.0.0.1:${upstreamPort}`;
  const upstream = start(ALL_CORES, process.execPath, [join(dist, 'main.js'), '--port', `127.0.0.1:${upstreamPort}`, '--workers', '1', '--quiet', 'posix', join(dir, 'upstream')], {
    env: { ...process.env, ROOT_ACCESS_KEY: ACCESS, ROOT_SECRET_KEY: SECRET },
  });
  let app;
  const clients = [];
  try {
    await waitUntilAnswering('upstream tracegw posix', upstream, upstreamUrl);
    const direct = client(upstreamUrl);
    clients.push(direct);
    await direct.send(new CreateBucketCommand({ Bucket: 'meta' }));
    await direct.send(new CreateBucketCommand({ Bucket: 'direct' }));
    const flags = { access: ACCESS, secret: SECRET, quiet: true, s3Access: ACCESS, s3Secret: SECRET, s3Endpoint: upstreamUrl, s3UsePathStyle: true, s3MetaBucket: 'meta' };
    const { config } = resolveGatewayConfig({ flags, env: {}, cwd: join(dir, 'proxy'), backend: 's3proxy' });
    app = await createApp(config);
    await app.app.listen(0, '127.0.0.1');
    const proxied = client(`http://127.0.0.1:${app.app.getHttpServer().address().port}`);
    clients.push(proxied);
    await proxied.send(new CreateBucketCommand({ Bucket: 'viaproxy' }));
    const rows = {
      'PUT 4 KiB': {
        gateway: (i) => proxied.send(new PutObjectCommand({ Bucket: 'viaproxy', Key: `o${i}`, Body: BODY })),
        direct: (i) => direct.send(new PutObjectCommand({ Bucket: 'direct', Key: `o${i}`, Body: BODY })),
      },
      'GET 4 KiB': {
        gateway: async (i) => (await proxied.send(new GetObjectCommand({ Bucket: 'viaproxy', Key: `o${i}` }))).Body.transformToByteArray(),
        direct: async (i) => (await direct.send(new GetObjectCommand({ Bucket: 'direct', Key: `o${i}` }))).Body.transformToByteArray(),
      },
    };
    const results = await alternateRounds(rows, REQUESTS, ROUNDS);
    printOverheadTable(results, { requests: REQUESTS, rounds: ROUNDS, direct: 'upstream direct' });
  } finally {
    for (const c of clients) c.destroy();
    await app?.close();
    await stop(upstream);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
