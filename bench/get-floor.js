// What bounds a small GET: the least a Node server can do to answer a presigned 4 KiB GET, stage
// by stage, beside nginx and the gateway in one run. Each server pinned to core 0, wrk on core 1
// (16 keep-alive connections, the same presigned target the comparison replays); rounds take
// turns and the table shows medians, with the server's CPU per request (CPU time over requests
// served: less moved by other work on the machine than throughput). Run by hand:
//   npm run build && node bench/get-floor.js [--seconds 4] [--rounds 3] [--dir PATH]
// Stages (bench/support/floor/floor-server.js): node:http answering a buffer held in memory; the
// same with the gateway's SigV4 verifier; with its native open from memory instead of the buffer;
// with both, which is the work every GET must do before the gateway's own layers.
'use strict';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { parseArgs } = require('node:util');
const { CORES, pinSelfToGenerator, stop, stopAll } = require('./support/children');
const { seedS3, seedStatic } = require('./support/dataset');
const { amount } = require('./support/format');
const { median } = require('./support/http-load');
const { markdownTable } = require('./support/markdown-table');
const { presignerFor } = require('./support/presign');
const { watchUsage } = require('./support/proc-usage');
const { BUCKET, SCENARIOS } = require('./support/scenarios');
const { launch } = require('./support/servers/launch');
const { nginxPresent, startNginx } = require('./support/servers/nginx');
const { startTracegw } = require('./support/servers/tracegw');
const { runWrk, wrkPresent } = require('./support/wrk');

const { values: argv } = parseArgs({
  options: { seconds: { type: 'string', default: '4' }, rounds: { type: 'string', default: '3' }, dir: { type: 'string', default: tmpdir() } },
});
const SECONDS = Number(argv.seconds);
const ROUNDS = Number(argv.rounds);
const WARMUP_SECONDS = 1;
const CONNECTIONS = 16;
const GET_4K = SCENARIOS.find((scenario) => scenario.id === 'get4k');
const DIST = join(__dirname, '..', 'dist');
const FLOOR_SERVER = join(__dirname, 'support', 'floor', 'floor-server.js');

const ROWS = [
  { id: 'nginx', label: 'nginx (static file, sendfile)' },
  { id: 'memory', label: 'node:http, 4 KiB held in memory' },
  { id: 'sigv4', label: 'node:http + SigV4 verification' },
  { id: 'open', label: 'node:http + native open from memory' },
  { id: 'sigv4+open', label: 'node:http + SigV4 + native open (the floor)' },
  { id: 'tracegw', label: 'tracegw GET (every layer)' },
];

/** One floor stage over the data the gateway wrote (so the object has its real attributes). */
function startFloor(stage, dir, dataDir, credentials) {
  return launch({
    name: `floor ${stage}`,
    dir,
    core: CORES?.server,
    command: process.execPath,
    args: (port) => [FLOOR_SERVER, stage, String(port), dataDir, DIST],
    env: { ROOT_ACCESS_KEY: credentials.accessKeyId, ROOT_SECRET_KEY: credentials.secretAccessKey },
  });
}

async function measure(server, target) {
  const run = (seconds, name) => runWrk({ origin: server.origin, targets: [target], method: 'GET', connections: CONNECTIONS, seconds, dir: server.dir, name });
  await run(WARMUP_SECONDS, 'warmup');
  const usage = watchUsage(server.child.pid, CORES?.server);
  const result = await run(SECONDS, 'measured');
  const { cpuSeconds } = usage();
  const failed = Object.values(result.errors).reduce((sum, count) => sum + count, 0);
  if (failed > 0) throw new Error(`${server.name}: ${failed} of ${result.requests} requests failed`);
  return { perSecond: result.requests / result.seconds, cpuUsPerRequest: (cpuSeconds * 1e6) / result.requests, generatorCpu: result.generatorCpuPercent };
}

async function main() {
  if (!wrkPresent()) throw new Error('get-floor needs wrk (apt-get install wrk)');
  pinSelfToGenerator();
  const base = mkdtempSync(join(argv.dir, 'tracegw-floor-'));
  try {
    // The gateway writes the object once; every later tracegw round and floor stage serves that tree.
    const gatewayDir = join(base, 'tracegw');
    const seeder = await startTracegw({ dir: gatewayDir, core: CORES?.server, workers: 1 });
    await seedS3(seeder, [GET_4K]);
    const { credentials } = seeder;
    await stop(seeder.child);
    const rows = ROWS.filter((row) => row.id !== 'nginx' || nginxPresent());
    const results = new Map(rows.map((row) => [row.id, []]));
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? rows : [...rows].reverse();
      for (const row of order) {
        let server;
        let target;
        if (row.id === 'nginx') {
          const dir = join(base, 'nginx');
          server = await startNginx({ dir, core: CORES?.server });
          seedStatic(dir, [GET_4K]);
          target = `/${BUCKET}/${GET_4K.object.key}`;
        } else {
          server =
            row.id === 'tracegw'
              ? await startTracegw({ dir: gatewayDir, core: CORES?.server, workers: 1 })
              : await startFloor(row.id, join(base, row.id), join(gatewayDir, 'data'), credentials);
          target = await presignerFor({ ...server, credentials })('GET', `/${BUCKET}/${GET_4K.object.key}`);
        }
        try {
          const result = await measure({ ...server, dir: base }, target);
          results.get(row.id).push(result);
          process.stderr.write(`… round ${round + 1}/${ROUNDS} ${row.label}: ${amount(result.perSecond)} req/s, ${result.cpuUsPerRequest.toFixed(0)} µs CPU per request\n`);
        } finally {
          await stop(server.child);
        }
      }
    }
    printTable(rows, results);
  } finally {
    await stopAll();
    rmSync(base, { recursive: true, force: true });
  }
}

function printTable(rows, results) {
  const medianOf = (id, field) => median(results.get(id).map((result) => result[field]));
  const nginx = results.has('nginx') ? medianOf('nginx', 'perSecond') : undefined;
  const table = rows.map((row) => {
    const perSecond = medianOf(row.id, 'perSecond');
    return [
      row.label,
      `${amount(perSecond)} req/s`,
      results.get(row.id).map((result) => amount(result.perSecond)).join(' / '),
      nginx === undefined ? '-' : (perSecond / nginx).toFixed(2),
      `${medianOf(row.id, 'cpuUsPerRequest').toFixed(0)} µs`,
      `${medianOf(row.id, 'generatorCpu').toFixed(0)} %`,
    ];
  });
  const header = ['GET 4 KiB, presigned', 'median', 'rounds', '÷ nginx', 'server CPU per request', 'wrk CPU'];
  console.log(markdownTable(header, table, new Set([1, 2, 3, 4, 5])));
  console.log(`\n- ${ROUNDS} rounds of ${SECONDS} s after ${WARMUP_SECONDS} s of warm-up, ${CONNECTIONS} keep-alive connections; servers on core ${CORES?.server ?? '(any)'}, wrk on core ${CORES?.generator ?? '(any)'}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
