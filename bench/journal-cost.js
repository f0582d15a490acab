// What journaling every request costs: the request-path part (build the history row, queue it),
// the off-path part (the batched SQLite insert), and 4 KiB GET throughput with and without the
// history. Run by hand after `npm run build`:  node bench/journal-cost.js [seconds per round]
'use strict';
// Node 20 is this project's runtime by decision; the SDK's reminder would clutter the table.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
require('reflect-metadata');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { httpLoad } = require('./support/http-load');
const { Buffer } = require('node:buffer');

const dist = join(__dirname, '..', 'dist');
const recording = require(join(dist, 'admin', 'recording', 'record-operations'));
const { operationRecordOf } = require(join(dist, 'admin', 'recording', 'operation-record-of'));
const { createApp } = require(join(dist, 'app.factory'));
const { resolveGatewayConfig } = require(join(dist, 'config'));
const { openJournal } = require(join(dist, 'journal', 'open-journal'));
const { HistoryRepository } = require(join(dist, 'journal', 'history', 'history.repository'));
const { HistoryWriter } = require(join(dist, 'journal', 'history', 'history-writer'));
const { parseRequestTarget } = require(join(dist, 's3', 'http', 'parse-request-target'));
const { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand } = require('@aws-sdk/client-s3');
const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');

const ROUND_SECONDS = Number(process.argv[2] ?? 3);
const ROUNDS = 3;
const CONNECTIONS = 16;
const ACCESS = 'BENCHROOTACCESSKEY00';
const SECRET = 'benchRootSecretKey000000000000000000000000';

/** The configuration `tracegw --access ... --secret ... --quiet posix <root>` builds (the port is chosen at listen). */
function config(root) {
  return resolveGatewayConfig({ flags: { access: ACCESS, secret: SECRET, quiet: true }, env: {}, dir: root, cwd: root }).config;
}

/** A GetObject exchange as the recorder sees it when the response has gone out. */
function fakeExchange() {
  const url = '/bench/object-4k.bin';
  const account = { access: ACCESS, secret: SECRET, role: 'admin' };
  const request = {
    method: 'GET',
    ip: '127.0.0.1',
    raw: { url },
    headers: { host: '127.0.0.1:7070', 'user-agent': 'aws-sdk-js/3.0 ua/2.1 os/linux lang/js md/nodejs#20', authorization: 'AWS4-HMAC-SHA256 ...' },
    s3: {
      requestId: '18A3F0C2D4E5F601',
      traceId: '0af7651916cd43dd8448eb211c80319c',
      startedAt: process.hrtime.bigint(),
      target: parseRequestTarget(url),
      operation: 'GetObject',
      auth: { method: 'header', account, payload: { kind: 'unsigned' }, body: undefined, contentLength: undefined },
      context: { requestId: '18A3F0C2D4E5F601', traceId: '0af7651916cd43dd8448eb211c80319c', account, timings: { authMs: 0.05, backendMs: 0.2 } },
    },
  };
  const headers = { 'content-length': '4096' };
  const reply = { statusCode: 200, raw: { writableFinished: true }, getHeader: (name) => headers[name] };
  return { request, reply };
}

/** µs per request of what the request path pays: build the row, push it on the writer's queue. */
function measureEnqueue(dir) {
  const journal = openJournal(join(dir, 'enqueue.db'));
  const repository = new HistoryRepository(journal);
  const writer = new HistoryWriter(repository, { flushIntervalMs: 3_600_000, maxQueued: 1_000_000, maxBatch: 2_000_000 });
  const { request, reply } = fakeExchange();
  const iterations = 200_000;
  for (let i = 0; i < 20_000; i++) operationRecordOf(request, reply, 4500); // warm-up
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) writer.enqueue(operationRecordOf(request, reply, 4500));
  const enqueueUs = Number(process.hrtime.bigint() - started) / 1000 / iterations;

  // The same rows written as the writer does (1000 per transaction): the off-path cost per row.
  const rows = [];
  for (let i = 0; i < 100_000; i++) rows.push(operationRecordOf(request, reply, 4500));
  const flushStarted = process.hrtime.bigint();
  for (let i = 0; i < rows.length; i += 1000) repository.insertMany(rows.slice(i, i + 1000));
  const flushUs = Number(process.hrtime.bigint() - flushStarted) / 1000 / rows.length;
  writer.close();
  journal.close();
  return { enqueueUs, flushUs };
}

/** The shared keep-alive GET load (bench/support/http-load.js) at this bench's concurrency. */
const load = (url, seconds) => httpLoad(url, seconds, CONNECTIONS);

/** A gateway with (or without) the history hook, serving one 4 KiB object through a presigned URL. */
async function gatewayServing(dir, withHistory) {
  const root = mkdtempSync(join(dir, withHistory ? 'on-' : 'off-'));
  const original = recording.recordOperations;
  if (!withHistory) recording.recordOperations = () => undefined;
  let gateway;
  try {
    gateway = await createApp(config(root));
  } finally {
    recording.recordOperations = original;
  }
  await gateway.app.listen(0, '127.0.0.1');
  const { port } = gateway.app.getHttpServer().address();
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS, secretAccessKey: SECRET },
  });
  await client.send(new CreateBucketCommand({ Bucket: 'bench' }));
  await client.send(new PutObjectCommand({ Bucket: 'bench', Key: 'object-4k.bin', Body: Buffer.alloc(4096, 7) }));
  const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'bench', Key: 'object-4k.bin' }), { expiresIn: 3600 });
  client.destroy();
  return { gateway, url };
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  return rows.map((row) => row.map((cell, i) => String(cell).padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tracegw-bench-journal-'));
  try {
    const { enqueueUs, flushUs } = measureEnqueue(dir);
    const servers = { off: await gatewayServing(dir, false), on: await gatewayServing(dir, true) };
    const totals = { off: { done: 0, p50: [], p99: [] }, on: { done: 0, p50: [], p99: [] } };
    await load(servers.on.url, 1); // warm-up both
    await load(servers.off.url, 1);
    for (let round = 0; round < ROUNDS; round++) {
      for (const mode of round % 2 === 0 ? ['off', 'on'] : ['on', 'off']) {
        const result = await load(servers[mode].url, ROUND_SECONDS);
        if (result.errors > 0) throw new Error(`${result.errors} failed GETs with history ${mode}`);
        totals[mode].done += result.done;
        totals[mode].p50.push(result.p50);
        totals[mode].p99.push(result.p99);
      }
    }
    const written = servers.on.gateway.services.history.writer.stats();
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    const rate = (mode) => totals[mode].done / (ROUNDS * ROUND_SECONDS);
    const change = ((rate('on') - rate('off')) / rate('off')) * 100;
    process.stdout.write(
      `\nJournaling cost of a 4 KiB GET (${CONNECTIONS} keep-alive connections, ${ROUNDS} x ${ROUND_SECONDS} s per mode, alternating)\n\n` +
        table([
          ['measurement', 'value'],
          ['request path: build row + enqueue', `${enqueueUs.toFixed(2)} µs/request`],
          ['off the path: batched SQLite insert', `${flushUs.toFixed(2)} µs/row`],
          ['GET 4 KiB, history off', `${rate('off').toFixed(0)} req/s, p50 ${median(totals.off.p50).toFixed(2)} ms, p99 ${median(totals.off.p99).toFixed(2)} ms`],
          ['GET 4 KiB, history on', `${rate('on').toFixed(0)} req/s, p50 ${median(totals.on.p50).toFixed(2)} ms, p99 ${median(totals.on.p99).toFixed(2)} ms`],
          ['throughput change with history', `${change >= 0 ? '+' : ''}${change.toFixed(1)} %`],
          ['rows written / dropped (history on)', `${written.written + written.queued} / ${written.dropped}`],
        ]) +
        '\n',
    );
    await servers.off.gateway.close();
    await servers.on.gateway.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
