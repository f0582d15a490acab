// What a small GET and a HEAD allocate on the JavaScript heap, per request, garbage included:
// every byte allocated is a byte the young generation must make room for, and the scavenges it
// triggers promote whatever is in flight at that moment. Unlike throughput or CPU, this figure
// barely moves with the machine's load, so it compares two builds to a few tens of bytes where
// their CPU per request cannot be told apart. The gateway runs pinned to core 0 with V8's sampling
// heap profiler preloaded (support/allocations/heap-sampling.js), warmed up, then sampled over a
// few seconds of wrk on core 1 (16 keep-alive connections, presigned requests). Run by hand:
//   npm run build && node bench/get-allocations.js [--seconds 3] [--rounds 2] [--against <other build>] [--otel]
// --against: another build's directory (with bin/ and dist/), measured in the same run, rounds alternating.
// --otel: tracing on at sample rate 1.0, exporting to an OTLP/gRPC collector in this process.
'use strict';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { existsSync, mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { basename, join, resolve } = require('node:path');
const { setTimeout } = require('node:timers/promises');
const { parseArgs } = require('node:util');
const { summarize } = require('./support/allocations/heap-profile-summary');
const { CORES, pinSelfToGenerator, stop } = require('./support/children');
const { seedS3 } = require('./support/dataset');
const { median } = require('./support/http-load');
const { markdownTable } = require('./support/markdown-table');
const { startCollector } = require('./support/otlp-collector');
const { presignerFor } = require('./support/presign');
const { BUCKET, SCENARIOS } = require('./support/scenarios');
const { launch } = require('./support/servers/launch');
const { runWrk, wrkPresent } = require('./support/wrk');

const { values: argv } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '2' },
    against: { type: 'string' },
    otel: { type: 'boolean', default: false },
    dir: { type: 'string', default: tmpdir() },
  },
});
const SECONDS = Number(argv.seconds);
const ROUNDS = Number(argv.rounds);
const WARMUP_SECONDS = 2;
const CONNECTIONS = 16;
const TOP_FUNCTIONS = 12;
const ROWS = SCENARIOS.filter((scenario) => scenario.id === 'get4k' || scenario.id === 'head');
const PRELOAD = join(__dirname, 'support', 'allocations', 'heap-sampling.js');
const CREDENTIALS = { accessKeyId: 'BENCHROOTACCESSKEY00', secretAccessKey: 'benchRootSecretKey000000000000000000000000' };
const THIS_BUILD = resolve(__dirname, '..');

async function sampleBuild(build, scenario, collector) {
  const dir = mkdtempSync(join(argv.dir, 'tracegw-allocations-'));
  const profileFile = join(dir, 'heap-profile.json');
  const otel = collector ? ['--otel-enabled', '--otel-insecure', '--otel-endpoint', collector.endpoint, '--otel-sample-rate', '1.0'] : [];
  const server = await launch({
    name: `tracegw ${basename(build)}`,
    dir,
    core: CORES?.server,
    command: process.execPath,
    args: (port) => ['-r', PRELOAD, join(build, 'bin', 'tracegw.js'), '--port', `127.0.0.1:${port}`, '--quiet', '--workers', '1', ...otel, 'posix', join(dir, 'data')],
    env: { ROOT_ACCESS_KEY: CREDENTIALS.accessKeyId, ROOT_SECRET_KEY: CREDENTIALS.secretAccessKey, TRACEGW_HEAP_PROFILE: profileFile },
  });
  try {
    const s3 = { ...server, kind: 's3', credentials: CREDENTIALS };
    await seedS3(s3, [scenario]);
    const target = await presignerFor(s3)(scenario.method, `/${BUCKET}/${scenario.object.key}`);
    const load = (seconds, name) => runWrk({ origin: server.origin, targets: [target], method: scenario.method, connections: CONNECTIONS, seconds, dir, name });
    await load(WARMUP_SECONDS, 'warmup');
    server.child.kill('SIGUSR2');
    const measured = await load(SECONDS, 'measured');
    const failed = Object.values(measured.errors).reduce((sum, count) => sum + count, 0);
    if (failed > 0) throw new Error(`${server.name}: ${failed} of ${measured.requests} requests failed`);
    server.child.kill('SIGUSR2');
    for (let waited = 0; !existsSync(profileFile); waited += 100) {
      if (waited > 20_000) throw new Error(`${server.name}: no heap profile after 20 s`);
      await setTimeout(100);
    }
    await setTimeout(200);
    const written = JSON.parse(readFileSync(profileFile, 'utf8'));
    if (written.error) throw new Error(`${server.name}: ${written.error}`);
    return summarize(written.profile, written.requests);
  } finally {
    await stop(server.child, 5000);
    rmSync(dir, { recursive: true, force: true });
  }
}

const kib = (bytes) => `${(bytes / 1024).toFixed(2)} KiB`;

async function main() {
  if (!wrkPresent()) throw new Error('get-allocations needs wrk (apt-get install wrk)');
  pinSelfToGenerator();
  const builds = [THIS_BUILD, ...(argv.against ? [resolve(argv.against)] : [])];
  const collector = argv.otel ? await startCollector() : undefined;
  const results = new Map();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
        for (const scenario of ROWS) {
          const summary = await sampleBuild(build, scenario, collector);
          const key = `${scenario.id} ${build}`;
          results.set(key, [...(results.get(key) ?? []), summary]);
          console.error(`… round ${round + 1}/${ROUNDS} ${scenario.id} ${basename(build)}: ${kib(summary.perRequest)} a request`);
        }
      }
    }
  } finally {
    collector?.close();
  }
  const label = (build) => (build === THIS_BUILD ? 'this build' : build);
  console.log(`\nJavaScript heap allocated per request, garbage included (V8's sampling heap profiler, 1 sample per 4 KiB; ${SECONDS} s of load after ${WARMUP_SECONDS} s of warm-up; tracing ${argv.otel ? 'on at 1.0' : 'off'}; medians of ${ROUNDS} rounds)\n`);
  const rows = [];
  for (const scenario of ROWS) {
    for (const build of builds) {
      const runs = results.get(`${scenario.id} ${build}`);
      rows.push([scenario.label, label(build), kib(median(runs.map((run) => run.perRequest))), runs.map((run) => kib(run.perRequest)).join(' / ')]);
    }
  }
  console.log(markdownTable(['scenario', 'build', 'allocated per request', 'rounds'], rows));
  for (const scenario of ROWS) {
    const last = (build) => results.get(`${scenario.id} ${build}`).at(-1).byFunction;
    const mine = last(THIS_BUILD);
    const other = argv.against ? last(resolve(argv.against)) : undefined;
    const top = [...mine].sort((a, b) => b[1] - a[1]).slice(0, TOP_FUNCTIONS);
    console.log(`\n${scenario.label}: the functions allocating most, this build's last round${other ? ' beside the other build' : ''} (bytes per request)\n`);
    console.log(markdownTable(['function', 'this build', ...(other ? ['other build'] : [])], top.map(([at, bytes]) => [at, bytes.toFixed(0), ...(other ? [(other.get(at) ?? 0).toFixed(0)] : [])])));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
