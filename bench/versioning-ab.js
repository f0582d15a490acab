// What versioning costs buckets without it (issue #14): issue #12's small rows (GET 4 KiB, HEAD,
// PUT 4 KiB, ListObjectsV2 of 1,000 keys) against this build without --versioning-dir, this build
// with one (the buckets unversioned: the status comes from the per-bucket cache), and another
// build (--against, a directory with bin/ and dist/, say main's), in the same run. The gateway
// runs pinned to core 0 with one process, wrk on core 1; the builds take turns every round, a
// fresh gateway over a fresh directory each time (support/build-rounds.js), and the table shows
// medians. Run by hand:
//   npm run build && node bench/versioning-ab.js --against <other build> [--seconds 3] [--rounds 3] [--only get4k,head,put4k,list]
'use strict';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { join } = require('node:path');
const { THIS_BIN, buildRoundsArgs, percentChange, runBuildRounds } = require('./support/build-rounds');
const { markdownTable } = require('./support/markdown-table');
const { SCENARIOS } = require('./support/scenarios');

const argv = buildRoundsArgs({ only: { type: 'string', default: 'get4k,head,put4k,list' } });
const ROWS = SCENARIOS.filter((scenario) => ['get4k', 'head', 'put4k', 'list'].includes(scenario.id) && argv.only.split(',').includes(scenario.id));
const BUILDS = [
  { label: `${argv.against} (before)`, bin: join(argv.against, 'bin', 'tracegw.js') },
  { label: 'this build', bin: THIS_BIN },
  // A posix option: given as its variable, which the launched gateway inherits.
  { label: 'this build, --versioning-dir', bin: THIS_BIN, env: (dir) => ({ VGW_VERSIONING_DIR: join(dir, 'versions') }) },
];

async function main() {
  const medianOf = await runBuildRounds({
    builds: BUILDS,
    rows: ROWS,
    rounds: Number(argv.rounds),
    seconds: Number(argv.seconds),
    warmup: Number(argv.warmup),
    name: 'versioning-ab',
  });
  const rows = ROWS.map((scenario) => {
    const medians = BUILDS.map((build) => medianOf(build, scenario.id));
    return [scenario.label, ...medians.map((m) => Math.round(m).toLocaleString('en-US')), ...medians.slice(1).map((m) => percentChange(m, medians[0]))];
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
