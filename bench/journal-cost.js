// What journaling every request costs: the request-path part (build the history row when the
// response closes, queue it), the off-path part (the batched SQLite insert, and the pruning that
// takes every row out again once the history is full), a lookup by trace id, and 4 KiB GET
// throughput with and without the history. Run by hand after `npm run build`:
//
//   node bench/journal-cost.js [--rows N] [--seconds S] [--against DIST]
//
// --rows: the size of the "full" journal (default 1,000,000, the default --history-max-rows);
// --seconds: per GET round (default 3); --against: another build's dist/ (say main's), measured
// beside this one in the same process, rounds taking turns, so that the two columns compare.
// CPU time (process.cpuUsage), not wall time: other work on the machine slows a round down but
// does not make it cost more CPU.
'use strict';
// Node 20 is this project's runtime by decision; the SDK's reminder would clutter the table.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
require('reflect-metadata');
const { randomBytes } = require('node:crypto');
const { IncomingMessage, ServerResponse } = require('node:http');
const { Socket } = require('node:net');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { parseArgs } = require('node:util');
const { httpLoad, table, median } = require('./support/http-load');
const { servePresignedObject } = require('./support/in-process-object');

const { values: options } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, seconds: { type: 'string', default: '3' }, against: { type: 'string' } },
});
const FULL_ROWS = Number(options.rows);
const ROUND_SECONDS = Number(options.seconds);
const GET_ROUNDS = 3;
const CONNECTIONS = 16;
const BATCH = 1000; // rows per transaction, as the writer does under load (its maxBatch)
// Batches written to the full journal while it is pruned: a quarter of --rows, four segments (of 1/16 of it).
const FULL_BATCHES = Math.max(50, Math.ceil(FULL_ROWS / 4 / BATCH));
const ACCESS = 'BENCHROOTACCESSKEY00';
const SECRET = 'benchRootSecretKey000000000000000000000000';
const PRESIGNED_URL =
  '/bench/object-4k.bin?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD' +
  '&X-Amz-Credential=BENCHROOTACCESSKEY00%2F20250601%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20250601T120000Z' +
  '&X-Amz-Expires=3600&X-Amz-Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' +
  '&X-Amz-SignedHeaders=host&x-id=GetObject';

/** The modules of one build that the journal's cost depends on. */
function build(dist) {
  const from = (...path) => require(join(dist, ...path));
  return {
    dist,
    operationRecorder: from('admin', 'recording', 'record-operations').operationRecorder,
    recordOperations: from('admin', 'recording', 'record-operations').recordOperations,
    operationRecordOf: from('admin', 'recording', 'operation-record-of').operationRecordOf,
    openJournal: from('journal', 'open-journal').openJournal,
    HistoryRepository: from('journal', 'history', 'history.repository').HistoryRepository,
    HistoryPruner: from('journal', 'history', 'history-pruner').HistoryPruner,
    // Builds before the segmented history have none (and a repository that takes no options).
    segmentLimitsFor: optional(() => from('journal', 'history', 'segment-limits').segmentLimitsFor),
    parseRequestTarget: from('s3', 'http', 'parse-request-target').parseRequestTarget,
  };
}

function optional(load) {
  try {
    return load();
  } catch {
    return undefined;
  }
}

/** That build's repository over `journal`, with the segments a gateway of --history-max-rows --rows would make. */
function repositoryOf(impl, journal) {
  const segments = impl.segmentLimitsFor?.({ maxAgeMs: 30 * 86_400_000, maxRows: FULL_ROWS });
  return new impl.HistoryRepository(journal, { segments });
}

/** A raw response whose body has gone out, as the recorder sees it when 'close' fires. */
class FinishedResponse extends ServerResponse {
  get writableFinished() {
    return true;
  }
}

/** A presigned GetObject exchange as the layers leave it on the request; `raw` is a real ServerResponse when given. */
function exchange(impl, socket, raw) {
  const account = { access: ACCESS, secret: SECRET, role: 'admin' };
  const traceId = randomBytes(16).toString('hex');
  const state = {
    requestId: '18A3F0C2D4E5F601',
    traceId,
    startedAt: process.hrtime.bigint(),
    target: impl.parseRequestTarget(PRESIGNED_URL),
    operation: 'GetObject',
    auth: { method: 'presigned', account, payload: { kind: 'unsigned' }, body: undefined, contentLength: undefined },
    context: { requestId: '18A3F0C2D4E5F601', traceId, account, timings: { authMs: 0.05, backendMs: 0.2 } },
  };
  const headers = { host: '127.0.0.1:7070', 'user-agent': 'aws-sdk-js/3.0 ua/2.1 os/linux lang/js md/nodejs#20' };
  const request = { method: 'GET', ip: '127.0.0.1', headers, raw: { url: PRESIGNED_URL, socket }, s3: state };
  const replyHeaders = { 'content-length': '4096' };
  const reply = { statusCode: 200, request, raw: raw ?? { writableFinished: true }, getHeader: (name) => replyHeaders[name] };
  return { request, reply };
}

/** Rows as the recorder builds them, each with its own trace id, in batches of BATCH. */
function rowBatches(impl, count) {
  const socket = new Socket();
  return Array.from({ length: count }, () =>
    Array.from({ length: BATCH }, () => {
      const { request, reply } = exchange(impl, socket);
      return impl.operationRecordOf(request, reply, 4500);
    }),
  );
}

/** CPU µs spent in fn (all threads of the process). */
function cpuOf(fn) {
  const before = process.cpuUsage();
  fn();
  const spent = process.cpuUsage(before);
  return spent.user + spent.system;
}

async function cpuOfAsync(fn) {
  const before = process.cpuUsage();
  await fn();
  const spent = process.cpuUsage(before);
  return spent.user + spent.system;
}

/**
 * What the gateway's onRequest hook does for the history, in either build: operationRecorder (one
 * hook shared with the request ids) or, in builds before it, the hook recordOperations registered.
 */
function recordingHook(impl, sink) {
  if (impl.operationRecorder) {
    const record = impl.operationRecorder(sink);
    return (_request, reply, done) => {
      record(reply);
      done();
    };
  }
  let hook;
  impl.recordOperations({ addHook: (_name, fn) => (hook = fn) }, sink);
  return hook;
}

/**
 * The request path: the onRequest hook (registering the close listener), the response's
 * 'close' (building the row) and the push onto the queue, on real IncomingMessage /
 * ServerResponse objects over one keep-alive socket. Objects are made (untimed) 50 at a time, just
 * before the loop that uses them, so they are in the caches as a live request's are; the
 * same loop without the hook (the emit alone) is timed in the same rounds and taken off.
 */
function measureRequestPath(impls) {
  const socket = new Socket();
  const chunk = 50;
  const chunks = 400;
  const rounds = 11;
  // The writer's queue: a push, emptied every BATCH rows as a flush would.
  const sinks = impls.map(() => ({ rows: [], recorded: 0, enqueue(row) { this.recorded++; if (this.rows.push(row) >= BATCH) this.rows = []; } }));
  const hooks = impls.map((impl, i) => recordingHook(impl, sinks[i]));
  const none = () => undefined;
  const cpuOfChunk = (impl, hook) => {
    const list = Array.from({ length: chunk }, () => exchange(impl, socket, new FinishedResponse(new IncomingMessage(socket))));
    return cpuOf(() => {
      for (const { request, reply } of list) {
        hook(request, reply, none);
        reply.raw.emit('close');
      }
    });
  };
  const costs = impls.map(() => []);
  for (let round = 0; round < rounds; round++) {
    impls.forEach((impl, i) => {
      let difference = 0;
      for (let c = 0; c < chunks; c++) difference += cpuOfChunk(impl, hooks[i]) - cpuOfChunk(impl, none);
      if (round >= 2) costs[i].push(difference / (chunks * chunk));
    });
  }
  for (const sink of sinks) if (sink.recorded !== rounds * chunks * chunk) throw new Error(`${sink.recorded} rows recorded, not ${rounds * chunks * chunk}`);
  return costs.map(median);
}

/**
 * A journal of `rows` history rows, opened through that build's migrations and written through
 * that build's repository in batches of BATCH (so that each build lays its rows out as it does in
 * service: one table, or segments), one row every 50 µs from a day ago on, each with its own trace id.
 */
function journalWith(impl, dir, name, rows) {
  const journal = impl.openJournal(join(dir, `${name}.db`));
  const repository = repositoryOf(impl, journal);
  const batch = rowBatches(impl, 1)[0];
  const startedAt = Date.now() - 86_400_000;
  for (let written = 0; written < rows; written += BATCH) {
    const size = Math.min(BATCH, rows - written);
    batch.forEach((row, i) => {
      row.traceId = randomBytes(16).toString('hex');
      row.startedAt = startedAt + Math.floor((written + i) / 20);
    });
    repository.insertMany(size === BATCH ? batch : batch.slice(0, size));
  }
  journal.db.pragma('wal_checkpoint(TRUNCATE)');
  return { journal, repository };
}

/** WAL pages (frames) a batch adds, checkpoints held back meanwhile. */
function walPagesPerRow(target, batches) {
  const { db } = target.journal;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('wal_autocheckpoint = 0');
  for (const batch of batches) target.repository.insertMany(batch);
  const { log } = db.pragma('wal_checkpoint(PASSIVE)')[0];
  db.pragma('wal_autocheckpoint = 1000');
  return log / (batches.length * BATCH);
}

/** CPU µs per row of the writer's batches (checkpoints included, as they happen), rounds taking turns between builds. */
function measureInsert(targets, batchesOf) {
  const times = targets.map(() => []);
  const rounds = batchesOf[0].length;
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? targets.map((_, i) => i) : targets.map((_, i) => targets.length - 1 - i);
    for (const i of order) {
      const spent = cpuOf(() => targets[i].repository.insertMany(batchesOf[i][round]));
      if (round >= 3) times[i].push(spent / BATCH);
    }
  }
  return times.map(median);
}

/**
 * A full journal in service: rounds of 5 batches written, then a prune back to --rows, builds
 * taking turns, for `batches` batches in all (enough to cross several segments: a build that drops
 * whole segments prunes nothing in most rounds and a whole segment in some). CPU µs per row
 * written, of the inserts and of the pruning, totals over every round (so a segment opened or
 * dropped, and the statements prepared again after it, count where they happen).
 */
async function measureFull(impls, targets, batches) {
  const perRound = 5;
  const totals = targets.map(() => ({ insert: 0, prune: 0, written: 0, pruned: 0 }));
  const pruners = impls.map((impl, i) => new impl.HistoryPruner(targets[i].journal, { maxAgeMs: 0, maxRows: FULL_ROWS }));
  for (let round = 0; round * perRound < batches; round++) {
    for (let i = 0; i < targets.length; i++) {
      const { repository } = targets[i];
      const total = totals[i];
      for (const batch of rowBatches(impls[i], perRound)) {
        total.insert += cpuOf(() => repository.insertMany(batch));
        total.written += batch.length;
      }
      total.prune += await cpuOfAsync(async () => (total.pruned += (await pruners[i].prune()).byCount));
    }
  }
  return totals.map((total) => {
    if (total.pruned < total.written * 0.9) throw new Error(`${total.pruned} rows pruned of ${total.written} written`);
    return { insert: total.insert / total.written, pruning: total.prune / total.written };
  });
}

/** Wall ms of one listing by trace id on the full journal (a row from its middle). */
function measureTraceLookup(target) {
  const { db } = target.journal;
  const { traceId } = db
    .prepare('SELECT trace_id AS traceId FROM operation_history WHERE id = (SELECT (min(id) + max(id)) / 2 FROM operation_history)')
    .get();
  const times = [];
  for (let i = 0; i < 60; i++) {
    const started = process.hrtime.bigint();
    const found = target.repository.list({ traceId }, { limit: 100 });
    if (found.length !== 1) throw new Error(`trace lookup found ${found.length} rows`);
    if (i >= 10) times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

/** The configuration `tracegw --access ... --secret ... --quiet posix <root>` builds (the port is chosen at listen). */
function config(dist, root) {
  const { resolveGatewayConfig } = require(join(dist, 'config'));
  return resolveGatewayConfig({ flags: { access: ACCESS, secret: SECRET, quiet: true }, env: {}, dir: root, cwd: root }).config;
}

/** A gateway of this build with (or without) the history hook, serving one 4 KiB object through a presigned URL. */
async function gatewayServing(dist, dir, withHistory) {
  const root = mkdtempSync(join(dir, withHistory ? 'on-' : 'off-'));
  const recording = require(join(dist, 'admin', 'recording', 'record-operations'));
  const { createApp } = require(join(dist, 'app.factory'));
  // Builds name the history's hook differently: operationRecorder, or recordOperations before it.
  const name = recording.operationRecorder ? 'operationRecorder' : 'recordOperations';
  const original = recording[name];
  if (!withHistory) recording[name] = name === 'operationRecorder' ? () => () => undefined : () => undefined;
  let gateway;
  try {
    gateway = await createApp(config(dist, root));
  } finally {
    recording[name] = original;
  }
  const url = await servePresignedObject(gateway, { access: ACCESS, secret: SECRET });
  return { gateway, url };
}

async function measureGets(dist, dir) {
  const servers = { off: await gatewayServing(dist, dir, false), on: await gatewayServing(dist, dir, true) };
  const totals = { off: { done: 0, p50: [], p99: [] }, on: { done: 0, p50: [], p99: [] } };
  await httpLoad(servers.on.url, 1, CONNECTIONS); // warm-up both
  await httpLoad(servers.off.url, 1, CONNECTIONS);
  for (let round = 0; round < GET_ROUNDS; round++) {
    for (const mode of round % 2 === 0 ? ['off', 'on'] : ['on', 'off']) {
      const result = await httpLoad(servers[mode].url, ROUND_SECONDS, CONNECTIONS);
      if (result.errors > 0) throw new Error(`${result.errors} failed GETs with history ${mode}`);
      totals[mode].done += result.done;
      totals[mode].p50.push(result.p50);
      totals[mode].p99.push(result.p99);
    }
  }
  const written = servers.on.gateway.services.history.writer.stats();
  await servers.off.gateway.close();
  await servers.on.gateway.close();
  const rate = (mode) => totals[mode].done / (GET_ROUNDS * ROUND_SECONDS);
  const line = (mode) => `${rate(mode).toFixed(0)} req/s, p50 ${median(totals[mode].p50).toFixed(2)} ms, p99 ${median(totals[mode].p99).toFixed(2)} ms`;
  const change = ((rate('on') - rate('off')) / rate('off')) * 100;
  return [
    ['GET 4 KiB, history off', line('off')],
    ['GET 4 KiB, history on', line('on')],
    ['throughput change with history', `${change >= 0 ? '+' : ''}${change.toFixed(1)} %`],
    ['rows written / dropped (history on)', `${written.written + written.queued} / ${written.dropped}`],
  ];
}

async function main() {
  const thisDist = join(__dirname, '..', 'dist');
  const impls = [build(thisDist), ...(options.against ? [build(resolve(options.against))] : [])];
  const names = ['this build', ...(options.against ? [`--against ${options.against}`] : [])];
  const dir = mkdtempSync(join(tmpdir(), 'tracegw-bench-journal-'));
  try {
    const requestPath = measureRequestPath(impls);
    /** n batches of rows for each build, built by that build. */
    const rowsOf = (n) => impls.map((impl) => rowBatches(impl, n));
    const empty = impls.map((impl, i) => journalWith(impl, dir, `empty-${i}`, 0));
    const emptyInsert = measureInsert(empty, rowsOf(20));
    const moreRows = rowsOf(5);
    const emptyWal = empty.map((target, i) => walPagesPerRow(target, moreRows[i]));
    for (const { journal } of empty) journal.close();
    process.stderr.write(`writing ${impls.length} journal(s) of ${FULL_ROWS} rows...\n`);
    const full = impls.map((impl, i) => journalWith(impl, dir, `full-${i}`, FULL_ROWS));
    const fullInsert = measureInsert(full, rowsOf(20));
    const fullWal = full.map((target, i) => walPagesPerRow(target, moreRows[i]));
    const inService = await measureFull(impls, full, FULL_BATCHES);
    const lookup = full.map(measureTraceLookup);
    for (const { journal } of full) journal.close();
    const gets = await measureGets(thisDist, dir);

    const rows = FULL_ROWS.toLocaleString('en');
    const cells = (values, format) => values.map(format);
    const us = (unit) => (value) => `${value.toFixed(2)} ${unit}`;
    process.stdout.write(
      `\nWhat journaling a request costs (CPU time; 4 KiB GetObject rows, ${BATCH} rows per transaction)\n\n` +
        table([
          ['measurement', ...names],
          ['request path: close listener, row, enqueue', ...cells(requestPath, us('µs/request'))],
          ['batched insert, empty journal', ...cells(emptyInsert, us('µs/row'))],
          ['  WAL pages written per row', ...cells(emptyWal, (v) => v.toFixed(3))],
          [`batched insert, journal of ${rows} rows`, ...cells(fullInsert, us('µs/row'))],
          ['  WAL pages written per row', ...cells(fullWal, (v) => v.toFixed(3))],
          [`full journal in service: insert`, ...cells(inService.map((m) => m.insert), us('µs/row'))],
          [`  pruning to ${rows} rows (row limit)`, ...cells(inService.map((m) => m.pruning), us('µs/row'))],
          [`lookup by trace id among ${rows} rows`, ...cells(lookup, (v) => `${v.toFixed(3)} ms`)],
          ['all of it, history below its row limit', ...impls.map((_, i) => `${(requestPath[i] + fullInsert[i]).toFixed(2)} µs/request`)],
          ['all of it, history full (pruned as written)', ...impls.map((_, i) => `${(requestPath[i] + inService[i].insert + inService[i].pruning).toFixed(2)} µs/request`)],
        ]) +
        `\n\nThis build's gateway, ${CONNECTIONS} keep-alive connections, ${GET_ROUNDS} x ${ROUND_SECONDS} s per mode, alternating:\n\n` +
        table([['measurement', 'value'], ...gets]) +
        '\n',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
