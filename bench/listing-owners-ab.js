// What naming owners costs ListObjectsV2 (issue #13 item 1): a page of 1,000 keys without and with
// fetch-owner=true, this build against another (--against, a directory with bin/ and dist/, say
// main's), in the same run. Without fetch-owner the listing must cost what it did; with it, this
// build reads each object's ACL attribute in the same native pass as its ETag. The builds take
// turns every round (support/build-rounds.js); the table shows medians. Run by hand:
//   npm run build && node bench/listing-owners-ab.js --against <other build> [--seconds 3] [--rounds 3]
'use strict';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { join } = require('node:path');
const { THIS_BIN, buildRoundsArgs, percentChange, runBuildRounds } = require('./support/build-rounds');
const { markdownTable } = require('./support/markdown-table');
const { SCENARIOS } = require('./support/scenarios');

const argv = buildRoundsArgs();
const LIST = SCENARIOS.find((scenario) => scenario.id === 'list');
// The same bucket listed with fetch-owner: the seeding writes it once, for the row above.
const ROWS = [LIST, { ...LIST, id: 'list-owner', label: `${LIST.label}, fetch-owner`, list: { ...LIST.list, query: { 'fetch-owner': 'true' } } }];
const BUILDS = [
  { label: `${argv.against} (before)`, bin: join(argv.against, 'bin', 'tracegw.js') },
  { label: 'this build', bin: THIS_BIN },
];

async function main() {
  const medianOf = await runBuildRounds({
    builds: BUILDS,
    rows: ROWS,
    seed: [LIST],
    rounds: Number(argv.rounds),
    seconds: Number(argv.seconds),
    warmup: Number(argv.warmup),
    name: 'listing-owners-ab',
  });
  const [before, after] = BUILDS.map((build) => (id) => medianOf(build, id));
  const rows = ROWS.map(({ id, label }) => [label, ...[before(id), after(id)].map((m) => Math.round(m).toLocaleString('en-US')), percentChange(after(id), before(id))]);
  console.log(markdownTable(['row (lists/s, median)', ...BUILDS.map((b) => b.label), 'this build vs before'], rows));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
