// What the Prometheus metrics cost a request: the request-path part (RequestMetrics.enqueue, in
// the 'close' listener beside the history row) against prom-client's own Counter and Histogram
// doing the same, and 4 KiB GET throughput and CPU per request of this build with metrics on
// (--metrics-port set, scraped once per round) and off, beside another build (say this branch's
// base, or main's). Run by hand after `npm run build`, under the exclusive bench lock:
//
//   flock /work/notes/bench.lock node bench/metrics-cost.js [--against DIST] [--seconds S] [--rounds N]
//
// The gateways run in this process, the load in a worker thread; rounds take turns. CPU is this
// process's (process.cpuUsage, the load's thread included) per GET: other work on the machine
// slows a round down but does not make it cost more CPU.
'use strict';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
require('reflect-metadata');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { parseArgs } = require('node:util');
const { httpLoad, table, median } = require('./support/http-load');
const { servePresignedObject } = require('./support/in-process-object');

const { values: options } = parseArgs({
  options: { against: { type: 'string' }, seconds: { type: 'string', default: '3' }, rounds: { type: 'string', default: '5' } },
});
const ROUND_SECONDS = Number(options.seconds);
const ROUNDS = Number(options.rounds);
const CONNECTIONS = 16;
const ACCESS = 'BENCHROOTACCESSKEY00';
const SECRET = 'benchRootSecretKey000000000000000000000000';
const THIS_DIST = join(__dirname, '..', 'dist');

/** A history row of a 4 KiB GetObject, as the recorder builds it. */
function getObjectRecord() {
  return {
    traceId: '0123456789abcdef0123456789abcdef',
    requestId: '18A3F0C2D4E5F601',
    operation: 'GetObject',
    bucket: 'bench',
    key: 'object-4k.bin',
    uploadId: null,
    partNumber: null,
    accessKey: ACCESS,
    role: 'admin',
    clientAddress: '127.0.0.1',
    userAgent: 'bench',
    httpStatus: 200,
    errorCode: null,
    bytesIn: 0,
    bytesOut: 4096,
    startedAt: Date.now(),
    durationMs: 0.21,
    authMs: 0.05,
    backendMs: 0.1,
    completed: true,
  };
}

/** ns per call of fn over n calls, the best of 5 runs. */
function nsPerCall(fn, n = 1_000_000) {
  let best = Infinity;
  for (let run = 0; run < 5; run++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn(i);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / n);
  }
  return best;
}

/** The metrics' request-path part, hand-rolled (this build) and as prom-client's classes would do it. */
function measureRequestPath() {
  const { RequestMetrics } = require(join(THIS_DIST, 'metrics', 'request-metrics'));
  const { LATENCY_BOUNDS } = require(join(THIS_DIST, 'metrics', 'operation-labels'));
  const prom = require('prom-client');
  const records = ['GetObject', 'PutObject', 'HeadObject', 'ListObjectsV2'].map((operation) => ({ ...getObjectRecord(), operation }));
  const metrics = new RequestMetrics();
  const handRolled = nsPerCall((i) => {
    metrics.arrived();
    metrics.enqueue(records[i & 3]);
  });
  const registry = new prom.Registry();
  const requests = new prom.Counter({ name: 'r_total', help: 'h', labelNames: ['operation', 'status_class'], registers: [registry] });
  const duration = new prom.Histogram({ name: 'd_seconds', help: 'h', labelNames: ['operation'], buckets: [...LATENCY_BOUNDS], registers: [registry] });
  const bytesIn = new prom.Counter({ name: 'i_total', help: 'h', labelNames: ['operation'], registers: [registry] });
  const bytesOut = new prom.Counter({ name: 'o_total', help: 'h', labelNames: ['operation'], registers: [registry] });
  const inFlight = new prom.Gauge({ name: 'f', help: 'h', registers: [registry] });
  const classes = ['1xx', '2xx', '3xx', '4xx', '5xx'];
  const promClient = nsPerCall((i) => {
    const record = records[i & 3];
    inFlight.inc();
    inFlight.dec();
    requests.inc({ operation: record.operation, status_class: classes[((record.httpStatus / 100) | 0) - 1] });
    duration.observe({ operation: record.operation }, record.durationMs / 1000);
    bytesIn.inc({ operation: record.operation }, record.bytesIn);
    bytesOut.inc({ operation: record.operation }, record.bytesOut);
  }, 300_000);
  return { handRolled, promClient };
}

/** The configuration `tracegw --access ... --secret ... --quiet [--metrics-port ...] posix <root>` builds. */
function config(dist, root, metricsOn) {
  const { resolveGatewayConfig } = require(join(dist, 'config'));
  const flags = { access: ACCESS, secret: SECRET, quiet: true, ...(metricsOn ? { metricsPort: '127.0.0.1:1' } : {}) };
  return resolveGatewayConfig({ flags, env: {}, dir: root, cwd: root }).config;
}

/** A gateway of that build serving one 4 KiB object through a presigned URL (the port is chosen at listen). */
async function gatewayServing(dist, dir, name, metricsOn) {
  const root = mkdtempSync(join(dir, `${name}-`));
  const { createApp } = require(join(dist, 'app.factory'));
  const gateway = await createApp(config(dist, root, metricsOn));
  if (metricsOn && !gateway.metrics) throw new Error(`${dist} records no metrics`);
  const url = await servePresignedObject(gateway, { access: ACCESS, secret: SECRET });
  return { name, gateway, url, rates: [], cpu: [], p50: [], p99: [] };
}

async function measureGets(dir) {
  const servers = [
    ...(options.against ? [await gatewayServing(resolve(options.against), dir, `against`, false)] : []),
    await gatewayServing(THIS_DIST, dir, 'this build, metrics off', false),
    await gatewayServing(THIS_DIST, dir, 'this build, metrics on', true),
  ];
  for (const server of servers) await httpLoad(server.url, 1, CONNECTIONS);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? servers : [...servers].reverse();
    for (const server of order) {
      const before = process.cpuUsage();
      const result = await httpLoad(server.url, ROUND_SECONDS, CONNECTIONS);
      // A scrape per round, as Prometheus would do every 15 s: its cost lands on that round.
      if (server.gateway.metrics) await server.gateway.metrics.source.scrape('node');
      const spent = process.cpuUsage(before);
      if (result.errors > 0) throw new Error(`${result.errors} failed GETs on ${server.name}`);
      server.rates.push(result.done / ROUND_SECONDS);
      server.cpu.push((spent.user + spent.system) / result.done);
      server.p50.push(result.p50);
      server.p99.push(result.p99);
    }
  }
  for (const server of servers) await server.gateway.close();
  return servers;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'tracegw-bench-metrics-'));
  try {
    const path = measureRequestPath();
    const servers = await measureGets(dir);
    const label = (server) => (server.name === 'against' ? `--against ${options.against}` : server.name);
    process.stdout.write(
      '\nThe metrics on the request path (ns per request, best of 5 runs of a loop)\n\n' +
        table([
          ['measurement', 'ns/request'],
          ['RequestMetrics (arrays, this build)', path.handRolled.toFixed(0)],
          ["prom-client's Counter/Histogram/Gauge, labelled", path.promClient.toFixed(0)],
        ]) +
        `\n\nGET 4 KiB, presigned, ${CONNECTIONS} keep-alive connections, ${ROUNDS} x ${ROUND_SECONDS} s per gateway, taking turns (medians)\n\n` +
        table([
          ['gateway', 'req/s', 'CPU µs/GET (gateway + load)', 'p50 ms', 'p99 ms', 'req/s per round'],
          ...servers.map((s) => [
            label(s),
            median(s.rates).toFixed(0),
            median(s.cpu).toFixed(1),
            median(s.p50).toFixed(2),
            median(s.p99).toFixed(2),
            s.rates.map((r) => r.toFixed(0)).join(' '),
          ]),
        ]) +
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
