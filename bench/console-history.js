#!/usr/bin/env node
// The console's reads over a million history rows: the first page of the operations table,
// a page far back (keyset paging), filtered pages, one operation, and the per-operation summary
// the charts draw, each through a real gateway over HTTP with a console session, as the page
// asks. Then, in this process on the same journal, rounds taking turns: the summary as it is
// (the per-minute aggregate of migrations/0008 for the whole minutes, rows for the edges) against
// the summary before it (percentile() over every row of the window), with how far their
// percentiles differ; and the time migration 0008's backfill takes over these rows. Prints
// medians of --rounds.
//
//   npm run build && flock /work/notes/bench.lock node bench/console-history.js [--rows 1000000] [--rounds 15]
'use strict';
require('reflect-metadata');
const { Buffer } = require('node:buffer');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, rmSync } = require('node:fs');
const { request } = require('node:http');
const { tmpdir } = require('node:os');
const { readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const { performance } = require('node:perf_hooks');
const { setTimeout: sleep } = require('node:timers/promises');
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

/** History row i of the bench's population: 20 buckets, 10 operations (7 names), 97 durations, some errors. */
function benchRow(i, startedAt) {
  const status = STATUSES[i % STATUSES.length];
  return {
    traceId: randomBytes(16).toString('hex'), requestId: i.toString(16).padStart(16, '0'), operation: OPERATIONS[i % OPERATIONS.length],
    bucket: `bucket-${i % 20}`, key: `prefix-${i % 7}/object-${i}`, uploadId: null, partNumber: null,
    accessKey: i % 3 === 0 ? 'alice' : ACCESS, role: 'admin', clientAddress: '127.0.0.1', userAgent: 'bench',
    httpStatus: status, errorCode: status === 404 ? 'NoSuchKey' : status === 403 ? 'AccessDenied' : status === 500 ? 'InternalError' : null,
    bytesIn: 0, bytesOut: 4096, startedAt, durationMs: 1 + (i % 97) / 10, authMs: 0.1, backendMs: 0.5, completed: true,
  };
}

/** ROWS rows over the last 24 hours, oldest first, written as the history writer writes them; returns the last trace id. */
function fillHistory(db) {
  const journal = from('journal', 'open-journal').openJournal(db);
  const repository = repositoryOver(journal);
  const start = Date.now() - 86_400_000;
  const step = 86_400_000 / ROWS;
  let row;
  for (let written = 0; written < ROWS; written += BATCH) {
    const batch = [];
    for (let i = written; i < Math.min(ROWS, written + BATCH); i++) batch.push((row = benchRow(i, Math.floor(start + i * step))));
    repository.insertMany(batch);
  }
  journal.db.pragma('wal_checkpoint(TRUNCATE)');
  journal.close();
  return row.traceId;
}

function repositoryOver(journal) {
  const { HistoryRepository } = from('journal', 'history', 'history.repository');
  const { segmentLimitsFor } = from('journal', 'history', 'segment-limits');
  return new HistoryRepository(journal, { segments: segmentLimitsFor({ maxAgeMs: 30 * 86_400_000, maxRows: 2 * ROWS }) });
}

/** CPU µs spent in fn. */
function cpuOf(fn) {
  const before = process.cpuUsage();
  fn();
  const spent = process.cpuUsage(before);
  return spent.user + spent.system;
}

/**
 * What the aggregate adds to a batch write, on the bench's mix (1,000 rows over 100 ms, as at
 * 10,000 requests/s: one minute, 7 operations, about 90 buckets each): CPU µs a row of the whole
 * batch write (rows, catalog, aggregate), and of the aggregate's part alone (HistoryMinutes.add
 * on the same batch in a transaction rolled back), rounds taking turns. In a journal of its own
 * (`db`), so that the summaries timed later see only the day of rows.
 */
function aggregateCost(db, batches = 60) {
  const journal = from('journal', 'open-journal').openJournal(db);
  try {
    const repository = repositoryOver(journal);
    const minutes = new (from('journal', 'history', 'history-minutes').HistoryMinutes)(journal.db);
    const rolledBack = journal.db.transaction((batch) => {
      const spent = cpuOf(() => minutes.add(batch));
      throw Object.assign(new Error('roll back'), { spent });
    });
    const whole = [];
    const aggregate = [];
    const startedAt = Date.now();
    for (let round = 0; round < batches; round++) {
      const batch = Array.from({ length: BATCH }, (_, i) => benchRow(round * BATCH + i, startedAt + Math.floor((round * BATCH + i) / 10)));
      const runs = [
        () => whole.push(cpuOf(() => repository.insertMany(batch)) / BATCH),
        () => {
          try {
            rolledBack.immediate(batch);
          } catch (error) {
            if (error.spent === undefined) throw error;
            aggregate.push(error.spent / BATCH);
          }
        },
      ];
      for (const run of round % 2 === 0 ? runs : runs.reverse()) run();
    }
    return { whole: medianOf(whole.slice(5)), aggregate: medianOf(aggregate.slice(5)) };
  } finally {
    journal.close();
  }
}

/** The summary before the per-minute aggregate: SQL over every row of the window, percentile() exact. */
function exactSummaryOf(db) {
  const figures = `count(*) AS count, sum(http_status >= 400) AS errors, sum(bytes_in) AS bytesIn, sum(bytes_out) AS bytesOut,
    percentile(duration_ms, 50) AS p50Ms, percentile(duration_ms, 95) AS p95Ms, percentile(duration_ms, 99) AS p99Ms`;
  const where = 'FROM operation_history WHERE started_at >= @from AND started_at < @to';
  const byOperation = db.prepare(`SELECT operation, ${figures} ${where} GROUP BY operation ORDER BY count(*) DESC, operation`);
  const overall = db.prepare(`SELECT ${figures} ${where}`);
  return (window) => ({ ...window, operations: byOperation.all(window), total: overall.get(window) });
}

/** The largest relative difference between the two summaries' percentiles; throws if any count differs. */
function largestPercentileDifference(exact, estimated) {
  let largest = 0;
  const pairs = [[exact.total, estimated.total], ...exact.operations.map((op) => [op, estimated.operations.find((e) => e.operation === op.operation)])];
  for (const [a, b] of pairs) {
    for (const key of ['count', 'errors', 'bytesIn', 'bytesOut']) if (a[key] !== b?.[key]) throw new Error(`summaries differ in ${key}: ${a[key]} / ${b?.[key]}`);
    for (const key of ['p50Ms', 'p95Ms', 'p99Ms']) largest = Math.max(largest, Math.abs(b[key] - a[key]) / a[key]);
  }
  return largest;
}

/** Seconds migration 0008's backfill takes over the journal's rows: its INSERT, run again on an emptied aggregate. */
function backfillSeconds(db) {
  const sql = readFileSync(resolve(__dirname, '..', 'migrations', '0008_operation_history_minutes.sql'), 'utf8');
  const backfill = sql.slice(sql.indexOf('INSERT INTO operation_history_minutes'));
  const journal = from('journal', 'open-journal').openJournal(db);
  try {
    const before = journal.db.prepare('SELECT count(*) AS n, sum(count) AS requests FROM operation_history_minutes').get();
    const started = performance.now();
    journal.db.transaction(() => {
      journal.db.exec('DELETE FROM operation_history_minutes');
      journal.db.exec(backfill);
    })();
    const seconds = (performance.now() - started) / 1000;
    const after = journal.db.prepare('SELECT count(*) AS n, sum(count) AS requests FROM operation_history_minutes').get();
    if (after.n !== before.n || after.requests !== before.requests) throw new Error(`backfill gave ${JSON.stringify(after)}, the writer ${JSON.stringify(before)}`);
    return { seconds, minuteRows: after.n };
  } finally {
    journal.close();
  }
}

/** The summary now and before, in this process on the gateway's journal, rounds taking turns. */
function compareSummaries(db, windows) {
  const journal = from('journal', 'open-journal').openJournal(db);
  try {
    const now = new (from('journal', 'history', 'history-summary').HistorySummaryQuery)(journal);
    const exact = exactSummaryOf(journal.db);
    const lines = [];
    for (const [name, window] of windows) {
      const times = { now: [], before: [] };
      let difference = 0;
      for (let round = 0; round < ROUNDS; round++) {
        let estimated;
        let exactly;
        for (const which of round % 2 === 0 ? ['now', 'before'] : ['before', 'now']) {
          const t = performance.now();
          if (which === 'now') estimated = now.summarize(window);
          else exactly = exact(window);
          times[which].push(performance.now() - t);
        }
        difference = Math.max(difference, largestPercentileDifference(exactly, estimated));
      }
      lines.push(`| ${name} (${exact(window).total.count.toLocaleString('en')} rows) | ${medianOf(times.before).toFixed(2)} | ${medianOf(times.now).toFixed(2)} | ${(difference * 100).toFixed(2)} % |`);
    }
    return lines;
  } finally {
    journal.close();
  }
}

function medianOf(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
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
    const backfill = backfillSeconds(db);
    console.log(`migration 0008's backfill of them: ${backfill.seconds.toFixed(2)} s (${backfill.minuteRows} minute rows)`);
    const cost = aggregateCost(join(dir, 'write-cost.db'));
    console.log(`batch write on the bench's mix: ${cost.whole.toFixed(2)} µs/row, of which the per-minute aggregate ${cost.aggregate.toFixed(2)} µs/row (CPU, medians)`);
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
    // The gateway's own history rows of those requests are written within 100 ms: let them land first.
    await sleep(500);
    const now = Date.now();
    const windows = [
      ['last 10 minutes', { from: now - 600_000, to: now }],
      ['last hour', { from: now - 3_600_000, to: now }],
      ['last 24 hours', { from: now - 86_400_000, to: now }],
    ];
    console.log(`\n| summary in process | before: percentile() over the rows, median ms | now: per-minute aggregate, median ms | largest percentile difference |\n|---|---:|---:|---:|`);
    for (const line of compareSummaries(db, windows)) console.log(line);
    await gateway.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
