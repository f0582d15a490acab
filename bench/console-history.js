#!/usr/bin/env node
// The console's reads over a million history rows: the first page of the operations table,
// a page far back (keyset paging), filtered pages, one operation, and the per-operation summary
// the charts draw (SQL over the window), each through a real gateway over HTTP with a console
// session, as the page asks. Prints medians of --rounds.
//
//   npm run build && flock /work/notes/bench.lock node bench/console-history.js [--rows 1000000] [--rounds 15]
'use strict';
require('reflect-metadata');
const { Buffer } = require('node:buffer');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const { request } = require('node:http');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { performance } = require('node:perf_hooks');
const { parseArgs } = require('node:util');

const { values: options } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, rounds: { type: 'string', default: '15' } } });
const ROWS = Number(options.rows);
const ROUNDS = Number(options.rounds);
const BATCH = 1000;
const ACCESS = 'BENCHROOTACCESSKEY00';
const SECRET = 'benchRootSecretKey000000000000000000000000';
const DIST = resolve(__dirname, '..', 'dist');
const from = (...path) => require(join(DIST, ...path));

const OPERATIONS = ['GetObject', 'GetObject', 'GetObject', 'PutObject', 'PutObject', 'HeadObject', 'ListObjectsV2', 'DeleteObject', 'UploadPart', 'CompleteMultipartUpload'];
const STATUSES = [200, 200, 200, 200, 200, 200, 200, 200, 404, 403, 500];

/** ROWS rows over the last 24 hours, oldest first, in 20 buckets and 10 operations; written as the history writer writes them. */
function fillHistory(db) {
  const journal = from('journal', 'open-journal').openJournal(db);
  const { HistoryRepository } = from('journal', 'history', 'history.repository');
  const { segmentLimitsFor } = from('journal', 'history', 'segment-limits');
  const repository = new HistoryRepository(journal, { segments: segmentLimitsFor({ maxAgeMs: 30 * 86_400_000, maxRows: 2 * ROWS }) });
  const start = Date.now() - 86_400_000;
  const step = 86_400_000 / ROWS;
  let traceId;
  for (let written = 0; written < ROWS; written += BATCH) {
    const batch = [];
    for (let i = written; i < Math.min(ROWS, written + BATCH); i++) {
      const status = STATUSES[i % STATUSES.length];
      traceId = randomBytes(16).toString('hex');
      batch.push({
        traceId, requestId: i.toString(16).padStart(16, '0'), operation: OPERATIONS[i % OPERATIONS.length],
        bucket: `bucket-${i % 20}`, key: `prefix-${i % 7}/object-${i}`, uploadId: null, partNumber: null,
        accessKey: i % 3 === 0 ? 'alice' : ACCESS, role: 'admin', clientAddress: '127.0.0.1', userAgent: 'bench',
        httpStatus: status, errorCode: status === 404 ? 'NoSuchKey' : status === 403 ? 'AccessDenied' : status === 500 ? 'InternalError' : null,
        bytesIn: 0, bytesOut: 4096, startedAt: Math.floor(start + i * step), durationMs: 1 + (i % 97) / 10, authMs: 0.1, backendMs: 0.5, completed: true,
      });
    }
    repository.insertMany(batch);
  }
  journal.db.pragma('wal_checkpoint(TRUNCATE)');
  journal.close();
  return traceId;
}

function send(port, method, path, headers, body) {
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolvePromise({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tracegw-console-bench-'));
  try {
    const db = join(dir, 'journal.db');
    let started = performance.now();
    const lastTraceId = fillHistory(db);
    console.log(`filled ${ROWS} history rows in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const { resolveGatewayConfig } = from('config');
    const flags = { access: ACCESS, secret: SECRET, quiet: true, db, historyMaxRows: String(2 * ROWS), workers: '1' };
    const { config } = resolveGatewayConfig({ flags, env: {}, dir: join(dir, 'root'), cwd: dir });
    started = performance.now();
    const gateway = await from('app.factory').createApp(config);
    console.log(`gateway up over them in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    await gateway.app.listen(0, '127.0.0.1');
    const port = gateway.app.getHttpServer().address().port;
    const body = JSON.stringify({ access: ACCESS, secret: SECRET });
    const login = await send(port, 'PATCH', '/console-sign-in', { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }, body);
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const session = { cookie, 'x-console-csrf': JSON.parse(login.body).csrfToken };
    const call = async (path) => {
      const answer = await send(port, 'PATCH', path, session);
      if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.body}`);
      return JSON.parse(answer.body);
    };

    // The cursor of page 200 (10,000 rows back), walked once as the page's "Older" button would.
    let cursor;
    for (let page = 1; page < 200; page++) cursor = (await call(`/list-operations?limit=50${cursor ? `&cursor=${cursor}` : ''}`)).nextCursor;
    const hour = new Date(Date.now() - 3_600_000).toISOString();
    const day = new Date(Date.now() - 86_400_000).toISOString();
    const cases = [
      ['operations, first page (50)', '/list-operations?limit=50'],
      ['operations, page 200 (keyset cursor)', `/list-operations?limit=50&cursor=${cursor}`],
      ['operations, bucket + 4xx', '/list-operations?limit=50&bucket=bucket-7&status=4xx'],
      ['operations, account + operation', '/list-operations?limit=50&account=alice&operation=PutObject'],
      ['operations, key prefix in a bucket', '/list-operations?limit=50&bucket=bucket-3&prefix=prefix-3/'],
      ['operations, error code', '/list-operations?limit=50&error-code=InternalError'],
      ['operations, trace id', `/list-operations?trace-id=${lastTraceId}`],
      ['one operation', `/get-operation?id=${Math.ceil(ROWS / 2)}`],
      ['summary, last hour', `/operations-summary?from=${hour}`],
      ['summary, last 24 hours (every row)', `/operations-summary?from=${day}`],
    ];
    const times = new Map(cases.map(([name]) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, path] of cases) {
        const t = performance.now();
        await call(path);
        times.get(name).push(performance.now() - t);
      }
    }
    console.log(`\n| console request over ${ROWS.toLocaleString('en')} rows | median ms | max ms |\n|---|---:|---:|`);
    for (const [name] of cases) {
      const sorted = times.get(name).sort((a, b) => a - b);
      console.log(`| ${name} | ${sorted[Math.floor(sorted.length / 2)].toFixed(2)} | ${sorted.at(-1).toFixed(2)} |`);
    }
    await gateway.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
