// What tracing costs a request: tracing off (no SDK registered) against --otel-enabled at sample
// rates 0.0 and 1.0, exporting over OTLP/gRPC to a collector on loopback. Each round runs in a fresh
// process, the modes take turns. Run by hand after `npm run build`:
//   node bench/tracing-overhead.js [seconds per round, default 3]
'use strict';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { Buffer } = require('node:buffer');
const { execFile } = require('node:child_process');
const { join } = require('node:path');
const { URL, URLSearchParams } = require('node:url');
const { httpLoad, median, table } = require('./support/http-load');

const SELF = join(__dirname, 'tracing-overhead.js');

const ROUND_SECONDS = Number(process.argv[2] ?? 3);
const ROUNDS = 3;
const CONNECTIONS = 16;
/** Tracing off; on with every trace dropped by the sampler; on with every trace kept. */
const MODES = ['off', 'rate0', 'rate1'];
const SAMPLE_RATES = { rate0: '0.0', rate1: '1.0' };
const ACCESS = 'BENCHROOTACCESSKEY00';
const SECRET = 'benchRootSecretKey000000000000000000000000';

/** CPU time (user + system, all threads of this process) since `from`, in µs. */
function cpuSince(from) {
  const { user, system } = process.cpuUsage(from);
  return user + system;
}

// ---------------------------------------------------------------------------------------------
// The collector: accepts every export and answers at once, in the parent, so that its work is not
// counted in the gateway's process.

async function startCollector() {
  const grpc = require('@grpc/grpc-js');
  const server = new grpc.Server();
  const raw = (value) => value;
  server.addService(
    {
      Export: {
        path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export',
        requestStream: false,
        responseStream: false,
        requestSerialize: raw,
        requestDeserialize: raw,
        responseSerialize: raw,
        responseDeserialize: raw,
      },
    },
    {
      Export(_call, callback) {
        callback(null, Buffer.alloc(0));
      },
    },
  );
  const port = await new Promise((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return { endpoint: `127.0.0.1:${port}`, close: () => server.forceShutdown() };
}

// ---------------------------------------------------------------------------------------------
// One round, in a child process: start telemetry as main.ts does, then the app, then measure.

async function round(mode, endpoint, seconds) {
  require('reflect-metadata');
  const { mkdtempSync, rmSync } = require('node:fs');
  const { tmpdir } = require('node:os');
  const dist = join(__dirname, '..', 'dist');
  const { createApp } = require(join(dist, 'app.factory'));
  const { resolveGatewayConfig } = require(join(dist, 'config'));
  const { startTelemetry } = require(join(dist, 'telemetry', 'telemetry'));
  const { S3Client, CreateBucketCommand, PutObjectCommand, GetObjectCommand } = require('@aws-sdk/client-s3');
  const { getSignedUrl } = require('@aws-sdk/s3-request-presigner');

  const root = mkdtempSync(join(tmpdir(), `tracegw-bench-tracing-${mode}-`));
  const tracing = mode === 'off' ? {} : { otelEnabled: true, otelInsecure: true, otelEndpoint: endpoint, otelSampleRate: SAMPLE_RATES[mode] };
  const { config } = resolveGatewayConfig({ flags: { access: ACCESS, secret: SECRET, quiet: true, ...tracing }, env: {}, dir: root, cwd: root });
  const telemetry = await startTelemetry(config);
  const gateway = await createApp(config);
  await gateway.app.listen(0, '127.0.0.1');
  const { port } = gateway.app.getHttpServer().address();
  const client = new S3Client({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: ACCESS, secretAccessKey: SECRET } });
  await client.send(new CreateBucketCommand({ Bucket: 'bench' }));
  await client.send(new PutObjectCommand({ Bucket: 'bench', Key: 'object-4k.bin', Body: Buffer.alloc(4096, 7) }));
  const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: 'bench', Key: 'object-4k.bin' }), { expiresIn: 3600 });
  client.destroy();

  // In-process requests (fastify.inject, one at a time): the request path's CPU time, no sockets.
  const fastify = gateway.app.getHttpAdapter().getInstance();
  const { pathname, search, host } = new URL(url);
  const inject = async () => {
    const response = await fastify.inject({ method: 'GET', url: pathname + search, headers: { host } });
    if (response.statusCode !== 200) throw new Error(`GET answered ${response.statusCode}`);
  };
  for (let i = 0; i < 2000; i++) await inject(); // warm-up
  let injected = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  const injectCpu = process.cpuUsage();
  while (Date.now() < deadline) {
    for (let i = 0; i < 200; i++) await inject();
    injected += 200;
  }
  const injectCpuUs = cpuSince(injectCpu) / injected;
  const injectUs = Number(process.hrtime.bigint() - started) / 1000 / injected;

  // The same requests in batches that take turns with tracing on and off in this one process (the
  // flag every traced call checks first), each traced batch flushed to the collector within its
  // own time: paired measurements that the machine's drift affects alike.
  const paired = telemetry.tracing ? await measurePaired(dist, seconds, inject, () => telemetry.flush()) : { untracedUs: NaN, tracedUs: NaN };

  // The span work alone of one GetObject (root, auth and backend spans, their attributes, their
  // export), as the request path calls it, without the request itself.
  const spanWorkUs = await measureSpanWork(dist, seconds, () => telemetry.flush());

  // Over real sockets, 16 keep-alive connections from a worker thread.
  const httpCpu = process.cpuUsage();
  const http = await httpLoad(url, seconds, CONNECTIONS);
  const httpCpuUs = cpuSince(httpCpu) / http.done;
  await telemetry.flush();
  const health = telemetry.tracing ? telemetry.tracing.health.snapshot() : { exported: 0, dropped: 0, failed: 0 };
  await gateway.close();
  await telemetry.shutdown();
  rmSync(root, { recursive: true, force: true });
  return { mode, injectUs, injectCpuUs, injected, ...paired, spanWorkUs, rps: http.done / seconds, httpCpuUs, p50: http.p50, p99: http.p99, errors: http.errors, ...health };
}

async function measurePaired(dist, seconds, inject, flush) {
  const { setTracingActive } = require(join(dist, 'telemetry', 'telemetry-state'));
  const batch = async (traced) => {
    setTracingActive(traced);
    const started = process.cpuUsage();
    for (let i = 0; i < 100; i++) await inject();
    if (traced) await flush();
    return cpuSince(started) / 100;
  };
  const untraced = [];
  const traced = [];
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    untraced.push(await batch(false));
    traced.push(await batch(true));
  }
  setTracingActive(true);
  return { untracedUs: median(untraced), tracedUs: median(traced) };
}

async function measureSpanWork(dist, seconds, flush) {
  const { startRequestSpan, endRequestSpan } = require(join(dist, 'telemetry', 'request-span'));
  const { traceAuthentication } = require(join(dist, 'telemetry', 'auth-span'));
  const { traceCommand } = require(join(dist, 'telemetry', 'backend-span'));
  const { tracingActive } = require(join(dist, 'telemetry', 'telemetry-state'));
  const headers = { host: '127.0.0.1:7070', 'user-agent': 'aws-sdk-js/3.0 ua/2.1 os/linux lang/js md/nodejs#20' };
  const auth = { method: 'presigned', account: { access: ACCESS, role: 'admin' } };
  const command = { operation: 'GetObject', input: { bucket: 'bench', key: 'object-4k.bin', conditions: {} } };
  const result = { info: { key: 'object-4k.bin', size: 4096, etag: '620f0b67a91f7f74151bc5be745b7110', lastModified: new Date() } };
  const one = async () => {
    // As the S3 controller leaves it before tracing starts: operation and target resolved.
    const s3 = { requestId: 'R', traceId: 'T', startedAt: 0n, operation: 'GetObject', target: { resource: { level: 'object', bucket: 'bench', key: 'object-4k.bin' }, query: new URLSearchParams() } };
    const request = { method: 'GET', ip: '127.0.0.1', headers, raw: { url: '/bench/object-4k.bin' }, s3 };
    const span = tracingActive() ? startRequestSpan(request) : undefined;
    traceAuthentication(() => true, () => auth);
    await traceCommand(command, 'posix', async () => result);
    if (span) endRequestSpan(span.span, 200);
  };
  for (let i = 0; i < 20_000; i++) {
    await one(); // warm-up
    if (i % 100 === 99) await flush();
  }
  let done = 0;
  const deadline = Date.now() + seconds * 1000;
  const started = process.cpuUsage();
  while (Date.now() < deadline) {
    for (let i = 0; i < 100; i++) await one();
    done += 100;
    // Export what these made (serialise, send, wait for the answer): nothing is dropped or left over.
    await flush();
  }
  // CPU time, so that waiting for the collector's answer is not counted.
  return cpuSince(started) / done;
}

function runRound(mode, endpoint) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [SELF, '--round', mode, endpoint, String(ROUND_SECONDS)], { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${mode} round failed: ${stderr || error.message}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()));
    });
  });
}

async function main() {
  const collector = await startCollector();
  const results = Object.fromEntries(MODES.map((mode) => [mode, []]));
  try {
    for (let i = 0; i < ROUNDS; i++) {
      // Each round in another order, so that no mode always runs first or last.
      const order = MODES.map((_, k) => MODES[(k + i) % MODES.length]);
      for (const mode of order) results[mode].push(await runRound(mode, collector.endpoint));
    }
  } finally {
    collector.close();
  }
  const pick = (mode, field) => median(results[mode].map((r) => r[field]));
  const row = (label, field, unit, digits) => {
    const [off, rate0, rate1] = MODES.map((mode) => pick(mode, field));
    const show = (value) => `${value.toFixed(digits)} ${unit}`;
    return [label, show(off), show(rate0), show(rate1), show(rate0 - off), show(rate1 - off)];
  };
  // Requests of one process in batches taking turns untraced / traced, in the column of its rate.
  const pairedRow = (mode) => {
    const untraced = pick(mode, 'untracedUs');
    const traced = pick(mode, 'tracedUs');
    const cells = ['', '', '', '', ''];
    const column = MODES.indexOf(mode);
    cells[column] = `${untraced.toFixed(1)} / ${traced.toFixed(1)} µs`;
    cells[column + 2] = `${(traced - untraced).toFixed(1)} µs`;
    return ['  same, paired batches untraced / traced', ...cells];
  };
  const spans = results.rate1.reduce((sum, r) => sum + r.exported, 0);
  const dropped = results.rate1.reduce((sum, r) => sum + r.dropped + r.failed, 0);
  process.stdout.write(
    `\nTracing cost of a presigned 4 KiB GET (OTLP/gRPC to loopback; ${ROUNDS} rounds x ${ROUND_SECONDS} s per mode, each in a fresh process; medians)\n\n` +
      table([
        ['measurement', 'tracing off', 'rate 0.0', 'rate 1.0', 'cost at 0.0', 'cost at 1.0'],
        row('span work of one GetObject + its export, CPU', 'spanWorkUs', 'µs', 1),
        row('in-process GET (sequential), CPU per request', 'injectCpuUs', 'µs', 1),
        pairedRow('rate0'),
        pairedRow('rate1'),
        row('in-process GET (sequential), wall time', 'injectUs', 'µs', 1),
        row(`HTTP GET (${CONNECTIONS} connections), CPU per request`, 'httpCpuUs', 'µs', 1),
        row(`HTTP GET (${CONNECTIONS} connections), throughput`, 'rps', 'req/s', 0),
        row('HTTP GET p50', 'p50', 'ms', 2),
        row('HTTP GET p99', 'p99', 'ms', 2),
      ]) +
      `\n\nspans exported at rate 1.0: ${spans}, dropped or failed: ${dropped}\n`,
  );
}

if (process.argv[2] === '--round') {
  round(process.argv[3], process.argv[4], Number(process.argv[5])).then(
    (result) => {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (error) => {
      process.stderr.write(`${error.stack ?? error}\n`);
      process.exit(1);
    },
  );
} else {
  main().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
