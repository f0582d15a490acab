// What versioning costs buckets without it (issue #14): issue #12's small rows (GET 4 KiB, HEAD,
// PUT 4 KiB, ListObjectsV2 of 1,000 keys) against this build without --versioning-dir, this build
// with one (the buckets unversioned: the status comes from the per-bucket cache), and another
// build (--against, a directory with bin/ and dist/, say main's), in the same run. The gateway
// runs pinned to core 0 with one process, wrk on core 1; the builds take turns every round, a
// fresh gateway over a fresh directory each time, and the table shows medians. Run by hand:
//   npm run build && node bench/versioning-ab.js --against <other build> [--seconds 3] [--rounds 3] [--only get4k,head,put4k,list]
'use strict';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { parseArgs } = require('node:util');
const { CORES, pinSelfToGenerator, stop, stopAll } = require('./support/children');
const { seedS3 } = require('./support/dataset');
const { median } = require('./support/http-load');
const { markdownTable } = require('./support/markdown-table');
const { presignerFor } = require('./support/presign');
const { runRow } = require('./support/row');
const { SCENARIOS } = require('./support/scenarios');
const { startTracegw } = require('./support/servers/tracegw');

const { values: argv } = parseArgs({
  options: {
    seconds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '3' },
    against: { type: 'string' },
    only: { type: 'string', default: 'get4k,head,put4k,list' },
  },
});
if (argv.against === undefined) throw new Error('--against <other build> is required');
const ROWS = SCENARIOS.filter((scenario) => ['get4k', 'head', 'put4k', 'list'].includes(scenario.id) && argv.only.split(',').includes(scenario.id));
const THIS_BIN = join(__dirname, '..', 'bin', 'tracegw.js');
const BUILDS = [
  { label: `${argv.against} (before)`, bin: join(argv.against, 'bin', 'tracegw.js') },
  { label: 'this build', bin: THIS_BIN },
  { label: 'this build, --versioning-dir', bin: THIS_BIN, versioning: true },
];

const progress = (text) => process.stderr.write(`… ${text}\n`);

async function round(build, base, index) {
  const dir = mkdtempSync(join(base, `b${BUILDS.indexOf(build)}-${index}-`));
  // A posix option: given as its variable, which the launched gateway inherits.
  if (build.versioning) process.env.VGW_VERSIONING_DIR = join(dir, 'versions');
  try {
    const server = await startTracegw({ dir, core: CORES?.server, workers: 1, bin: build.bin });
    try {
      await seedS3(server, ROWS);
      const sign = presignerFor(server);
      const results = {};
      for (const scenario of ROWS) {
        results[scenario.id] = (await runRow({ scenario, server, sign, seconds: Number(argv.seconds), warmup: Number(argv.warmup), dir })).throughput;
      }
      return results;
    } finally {
      await stop(server.child);
    }
  } finally {
    delete process.env.VGW_VERSIONING_DIR;
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  pinSelfToGenerator();
  const base = mkdtempSync(join(tmpdir(), 'tracegw-versioning-ab-'));
  const results = new Map(BUILDS.map((build) => [build, []]));
  try {
    for (let i = 0; i < Number(argv.rounds); i++) {
      for (const build of BUILDS) {
        progress(`round ${i + 1}: ${build.label}`);
        results.get(build).push(await round(build, base, i));
      }
    }
  } finally {
    await stopAll();
    rmSync(base, { recursive: true, force: true });
  }
  const rows = ROWS.map((scenario) => {
    const medians = BUILDS.map((build) => median(results.get(build).map((r) => r[scenario.id])));
    return [scenario.label, ...medians.map((m) => Math.round(m).toLocaleString('en-US')), ...medians.slice(1).map((m) => `${(((m - medians[0]) / medians[0]) * 100).toFixed(1)}%`)];
  });
  console.log(
    markdownTable(
      ['row (ops/s, median)', ...BUILDS.map((b) => b.label), 'this build vs before', 'with --versioning-dir vs before'],
      rows,
    ),
  );
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
