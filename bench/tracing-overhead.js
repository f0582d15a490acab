// What tracing costs a presigned 4 KiB GET (issue #12's matrix): tracing off against --otel-enabled
// at sample rates 1.0 and 0.01, each with an OTLP/gRPC collector up and with nothing listening on
// the endpoint. The gateway runs as users start it (bin/tracegw.js, one process) pinned to core 0,
// wrk (16 keep-alive connections) and the collector in this process on core 1. Every round is a
// fresh gateway over a fresh directory, warmed up before it is measured; the modes take turns and
// the table shows medians. Run by hand:
//   npm run build && node bench/tracing-overhead.js [--seconds 5] [--warmup 2] [--rounds 3] [--against <other build>]
//   npm run build && node bench/tracing-overhead.js --slices 12 [--seconds 1] [--warmup 2]
// --against runs another build (a directory with bin/ and dist/) in the same run, each mode's
// rounds alternating between the two, and prints a table for each.
// --slices N is the interleaved method: one gateway per mode (and per build with --against), all started at once on the same
// core, and the load takes N turns of --seconds through them (each turn in another order), so a
// drift of the machine's speed (other jobs, the hypervisor) falls on every mode alike; each
// gateway's CPU is counted from before its first turn to after its last export, background work
// (the batches exported between its turns) included.
'use strict';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { setTimeout } = require('node:timers/promises');
const { parseArgs } = require('node:util');
const { CORES, pinSelfToGenerator, stop, stopAll } = require('./support/children');
const { seedS3 } = require('./support/dataset');
const { amount, mib, ms, percent } = require('./support/format');
const { median } = require('./support/http-load');
const { markdownTable } = require('./support/markdown-table');
const { freePort } = require('./support/ports');
const { presignerFor } = require('./support/presign');
const { watchUsage, waitUntilIdle } = require('./support/proc-usage');
const { BUCKET, SCENARIOS } = require('./support/scenarios');
const { startTracegw } = require('./support/servers/tracegw');
const { runWrk, wrkPresent } = require('./support/wrk');
const { startCollector } = require('./support/otlp-collector');

const { values: argv } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '3' },
    against: { type: 'string' },
    slices: { type: 'string' },
  },
});
const SECONDS = Number(argv.seconds);
// Without a warm-up the first seconds of a traced gateway run at half speed (issue #12).
const WARMUP_SECONDS = Number(argv.warmup);
const ROUNDS = Number(argv.rounds);
const SLICES = argv.slices === undefined ? undefined : Number(argv.slices);
const GET_4K = SCENARIOS.find((scenario) => scenario.id === 'get4k');
/** The builds measured: this one, and the one --against names. */
const BUILDS = [
  { label: 'this build', bin: join(__dirname, '..', 'bin', 'tracegw.js') },
  ...(argv.against ? [{ label: argv.against, bin: join(argv.against, 'bin', 'tracegw.js') }] : []),
];

/** The matrix; `target` is issue #12's limit on the share of throughput tracing may cost. */
const MODES = [
  { id: 'off', label: 'tracing off' },
  { id: 'r1-up', label: 'rate 1.0, collector up', rate: '1.0', collector: 'up', target: 15 },
  { id: 'r1-down', label: 'rate 1.0, collector down', rate: '1.0', collector: 'down', target: 15 },
  { id: 'r001-up', label: 'rate 0.01, collector up', rate: '0.01', collector: 'up', target: 3 },
  { id: 'r001-down', label: 'rate 0.01, collector down', rate: '0.01', collector: 'down', target: 3 },
];

const progress = (text) => process.stderr.write(`… ${text}\n`);

// ---------------------------------------------------------------------------------------------
// One round: a fresh gateway in `mode`, its 4 KiB object, a warm-up, the measured run.

function gatewayFlags(mode, endpoints) {
  if (mode.rate === undefined) return [];
  const endpoint = mode.collector === 'up' ? endpoints.up : endpoints.down;
  return ['--otel-enabled', '--otel-insecure', '--otel-endpoint', endpoint, '--otel-sample-rate', mode.rate];
}

async function round(build, mode, endpoints, collector, base, index) {
  const dir = mkdtempSync(join(base, `${mode.id}-${index}-`));
  const core = CORES?.server;
  const server = await startTracegw({ dir, core, workers: 1, options: gatewayFlags(mode, endpoints), bin: build.bin });
  try {
    await seedS3(server, [GET_4K]);
    const target = await presignerFor(server)('GET', `/${BUCKET}/${GET_4K.object.key}`);
    const load = (seconds, name) => runWrk({ origin: server.origin, targets: [target], method: 'GET', connections: GET_4K.connections, seconds, dir, name });
    if (WARMUP_SECONDS > 0) await load(WARMUP_SECONDS, 'warm');
    await waitUntilIdle(server.child.pid);
    const exportsBefore = { ...collector.counts };
    const usage = watchUsage(server.child.pid, core);
    const run = await load(SECONDS, 'run');
    const used = usage();
    const failed = Object.values(run.errors).reduce((sum, count) => sum + count, 0);
    if (failed > 0) throw new Error(`${mode.label}: ${failed} failed requests (${JSON.stringify(run.errors)})`);
    return {
      rps: run.requests / run.seconds,
      cpuUsPerRequest: (used.cpuSeconds * 1e6) / run.requests,
      cpuPercent: used.cpuPercent,
      othersPercent: used.othersOnCorePercent,
      p50: run.p50Ms,
      p99: run.p99Ms,
      rss: used.peakRssBytes,
      generatorCpuPercent: run.generatorCpuPercent,
      exportedBytes: mode.collector === 'up' ? collector.counts.bytes - exportsBefore.bytes : 0,
    };
  } finally {
    await stop(server.child);
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

function report(build, results) {
  const pick = (mode, field) => median(results.get(mode.id).map((r) => r[field]));
  const offRps = pick(MODES[0], 'rps');
  const offCpu = pick(MODES[0], 'cpuUsPerRequest');
  const rows = MODES.map((mode) => {
    const rps = pick(mode, 'rps');
    const cpu = pick(mode, 'cpuUsPerRequest');
    const cost = mode.target === undefined ? undefined : (100 * (offRps - rps)) / offRps;
    return [
      mode.label,
      `${amount(rps)} req/s`,
      results.get(mode.id).map((r) => amount(r.rps)).join(' / '),
      cost === undefined ? '(reference)' : `${cost.toFixed(1)} %`,
      mode.target === undefined ? '' : `≤ ${mode.target} %: ${cost <= mode.target ? 'met' : 'not met'}`,
      `${cpu.toFixed(0)} µs`,
      mode.target === undefined ? '' : `${(cpu - offCpu).toFixed(0)} µs`,
      ms(pick(mode, 'p50')),
      ms(pick(mode, 'p99')),
      mib(pick(mode, 'rss')),
      percent(pick(mode, 'othersPercent')),
      mode.collector === 'up' ? `${(pick(mode, 'exportedBytes') / SECONDS / 1024).toFixed(0)} KiB/s` : '-',
    ];
  });
  const header = ['mode', 'throughput (median)', 'rounds', 'cost vs off', 'target', 'server CPU / request', 'CPU vs off', 'p50', 'p99', 'peak RSS', 'others on its core', 'OTLP received'];
  const generator = Math.max(...[...results.values()].flat().map((r) => r.generatorCpuPercent));
  return (
    `\nTracing cost of a presigned GET 4 KiB, ${build.label} (tracegw pinned to core ${CORES?.server ?? '-'}, wrk and the OTLP/gRPC collector on core ${CORES?.generator ?? '-'}; ` +
    `${ROUNDS} rounds per mode, modes alternating, each a fresh gateway; ${WARMUP_SECONDS} s warm-up, ${SECONDS} s measured; ${GET_4K.connections} connections; medians)\n\n` +
    `${markdownTable(header, rows, new Set([1, 3, 5, 6, 7, 8, 9, 10, 11]))}\n\n` +
    `- cost vs off: the share of tracing-off throughput (median) a mode loses; CPU per request is the gateway process's\n` +
    `- collector down: nothing listens on the endpoint (a free port)\n` +
    `- wrk used at most ${generator.toFixed(0)} % of its core\n`
  );
}

// ---------------------------------------------------------------------------------------------
// The interleaved method (--slices): every mode's gateway at once, the load taking turns.

/** Spans wait up to the pipeline's scheduled delay (2 s) before their batch goes: long enough for the last one. */
const EXPORT_SETTLE_MS = 3000;

async function startMode(build, mode, endpoints, base) {
  const dir = mkdtempSync(join(base, `${mode.id}-`));
  const server = await startTracegw({ dir, core: CORES?.server, workers: 1, options: gatewayFlags(mode, endpoints), bin: build.bin });
  await seedS3(server, [GET_4K]);
  const target = await presignerFor(server)('GET', `/${BUCKET}/${GET_4K.object.key}`);
  const load = (seconds, name) => runWrk({ origin: server.origin, targets: [target], method: 'GET', connections: GET_4K.connections, seconds, dir, name });
  return { build, mode, server, dir, load, requests: 0, seconds: 0, p50: [], p99: [], generator: 0, cpuSeconds: 0, peakRss: 0 };
}

/** A second gateway with tracing off, measured as the others: how far apart two equal gateways come out (the method's noise). */
const CONTROL = { id: 'off-control', label: 'tracing off, a second gateway', control: true };

async function interleaved(endpoints, collector, base) {
  const running = [];
  try {
    // Every build's gateways take their turns in the same rotation: builds are compared in one run.
    for (const build of BUILDS) for (const mode of [MODES[0], CONTROL, ...MODES.slice(1)]) running.push(await startMode(build, mode, endpoints, base));
    for (const run of running) {
      progress(`warm-up: ${run.mode.label}`);
      if (WARMUP_SECONDS > 0) await run.load(WARMUP_SECONDS, 'warm');
    }
    await setTimeout(EXPORT_SETTLE_MS);
    const exportsBefore = collector.counts.bytes;
    const usages = running.map((run) => watchUsage(run.server.child.pid, CORES?.server));
    for (let slice = 0; slice < SLICES; slice++) {
      progress(`slice ${slice + 1}/${SLICES}`);
      // Each turn in another order, so that no mode always follows the same one.
      for (let k = 0; k < running.length; k++) {
        const run = running[(k + slice) % running.length];
        const result = await run.load(SECONDS, `slice-${slice}`);
        const failed = Object.values(result.errors).reduce((sum, count) => sum + count, 0);
        if (failed > 0) throw new Error(`${run.mode.label}: ${failed} failed requests (${JSON.stringify(result.errors)})`);
        run.requests += result.requests;
        run.seconds += result.seconds;
        run.p50.push(result.p50Ms);
        run.p99.push(result.p99Ms);
        run.generator = Math.max(run.generator, result.generatorCpuPercent);
      }
    }
    await setTimeout(EXPORT_SETTLE_MS);
    for (const [i, run] of running.entries()) {
      const used = usages[i]();
      run.cpuSeconds = used.cpuSeconds;
      run.peakRss = used.peakRssBytes;
    }
    return { running, exportedBytes: collector.counts.bytes - exportsBefore };
  } finally {
    for (const run of running) {
      await stop(run.server.child);
      rmSync(run.dir, { recursive: true, force: true });
    }
  }
}

function interleavedReport(build, { running: all, exportedBytes }) {
  const running = all.filter((run) => run.build === build);
  const off = running[0];
  const cpuOf = (run) => (run.cpuSeconds * 1e6) / run.requests;
  const rpsOf = (run) => run.requests / run.seconds;
  const rows = running.map((run) => {
    const compared = run !== off;
    const cpuShare = compared ? (100 * (cpuOf(run) - cpuOf(off))) / cpuOf(run) : undefined;
    const cost = compared ? (100 * (rpsOf(off) - rpsOf(run))) / rpsOf(off) : undefined;
    return [
      run.mode.label,
      `${amount(rpsOf(run))} req/s`,
      cost === undefined ? '(reference)' : `${cost.toFixed(1)} %`,
      `${cpuOf(run).toFixed(1)} µs`,
      compared ? `${(cpuOf(run) - cpuOf(off)).toFixed(1)} µs` : '',
      compared ? `${cpuShare.toFixed(1)} %` : '(reference)',
      run.mode.target === undefined ? (run.mode.control ? '(the noise)' : '') : `≤ ${run.mode.target} %: ${cpuShare <= run.mode.target ? 'met' : 'not met'}`,
      ms(median(run.p50)),
      ms(median(run.p99)),
      mib(run.peakRss),
    ];
  });
  const header = ['mode', 'throughput', 'throughput cost', 'server CPU / request', 'CPU vs off', "tracing's share of a request's CPU", 'target', 'p50 (median)', 'p99 (median)', 'peak RSS'];
  const generator = Math.max(...running.map((run) => run.generator));
  return (
    `\nTracing cost of a presigned GET 4 KiB, ${build.label}, interleaved (one gateway per mode${BUILDS.length > 1 ? ' and build' : ''}, all pinned to core ${CORES?.server ?? '-'}, ` +
    `wrk and the OTLP/gRPC collector on core ${CORES?.generator ?? '-'}; ${WARMUP_SECONDS} s warm-up each, then ${SLICES} turns of ${SECONDS} s per mode, ` +
    `${GET_4K.connections} connections; CPU counted over the whole run, exports between turns included)\n\n` +
    `${markdownTable(header, rows, new Set([1, 2, 3, 4, 5, 7, 8, 9]))}\n\n` +
    `- tracing's share: (CPU per request − tracing off's) ÷ CPU per request: the share of a saturated core's throughput tracing takes\n` +
    `- the second tracing-off gateway shows how far two equal gateways come out apart in this run: a share within it is noise\n` +
    `- OTLP received from the collector-up gateways${BUILDS.length > 1 ? ' (all builds)' : ''}: ${(exportedBytes / 1024).toFixed(0)} KiB\n` +
    `- wrk used at most ${generator.toFixed(0)} % of its core\n`
  );
}

async function main() {
  if (!wrkPresent()) throw new Error('wrk is needed (apt-get install wrk)');
  pinSelfToGenerator();
  const base = mkdtempSync(join(tmpdir(), 'tracegw-bench-tracing-'));
  const collector = await startCollector();
  const endpoints = { up: collector.endpoint, down: `127.0.0.1:${await freePort()}` };
  if (SLICES !== undefined) {
    try {
      const measured = await interleaved(endpoints, collector, base);
      for (const build of BUILDS) process.stdout.write(interleavedReport(build, measured));
    } finally {
      collector.close();
      await stopAll();
      rmSync(base, { recursive: true, force: true });
    }
    return;
  }
  const results = new Map(BUILDS.map((build) => [build, new Map(MODES.map((mode) => [mode.id, []]))]));
  try {
    for (let i = 0; i < ROUNDS; i++) {
      // Each round in another order, so that no mode always runs first or last.
      const order = MODES.map((_, k) => MODES[(k + i) % MODES.length]);
      for (const [k, mode] of order.entries()) {
        // The builds take turns too.
        for (const build of (i + k) % 2 ? [...BUILDS].reverse() : BUILDS) {
          progress(`round ${i + 1}/${ROUNDS}: ${mode.label}, ${build.label}`);
          results.get(build).get(mode.id).push(await round(build, mode, endpoints, collector, base, i));
        }
      }
    }
  } finally {
    collector.close();
    await stopAll();
    rmSync(base, { recursive: true, force: true });
  }
  for (const build of BUILDS) process.stdout.write(report(build, results.get(build)));
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
