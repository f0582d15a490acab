// tracegw beside s3rver and nginx in one run (issue #12's table): each server pinned to one core,
// wrk on the other, SigV4 pre-signed requests, then one table with the ratios; and a second table
// of tracegw with 1 and N workers, unpinned. Run by hand:  npm run bench -- [options]
// (`npm run bench` builds first; `node bench/s3-compare.js --help` lists the options).
'use strict';
// Node 20 is this project's runtime by decision; the SDK's reminder would clutter the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { existsSync, mkdtempSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { CORES, CORE_COUNT, pinSelfToGenerator, stopAll } = require('./support/children');
const { notes } = require('./support/notes');
const { compareTable } = require('./support/compare-table');
const { seedS3, seedStatic } = require('./support/dataset');
const { runMultipartRow } = require('./support/multipart-row');
const { parseOptions, USAGE } = require('./support/options');
const { presignerFor } = require('./support/presign');
const { runRow } = require('./support/row');
const { SCENARIOS } = require('./support/scenarios');
const { nginxPresent, startNginx } = require('./support/servers/nginx');
const { startS3rver } = require('./support/servers/s3rver');
const { hasWorkersFlag, startTracegw } = require('./support/servers/tracegw');
const { workersRows, workersTable } = require('./support/workers-table');
const { wrkPresent } = require('./support/wrk');

const progress = (text) => process.stderr.write(`… ${text}\n`);

/** Starts the servers of the pinned table (nginx where installed) and gives each its data set. */
async function startServers(base, scenarios, workersFlag) {
  const core = CORES?.server;
  const servers = [
    await startTracegw({ dir: join(base, 'tracegw'), core, workers: workersFlag ? 1 : undefined }),
    await startS3rver({ dir: join(base, 's3rver'), core }),
  ];
  if (nginxPresent()) servers.push(await startNginx({ dir: join(base, 'nginx'), core }));
  for (const server of servers) {
    progress(`data set on ${server.name}`);
    if (server.kind === 's3') await seedS3(server, scenarios);
    else seedStatic(join(base, 'nginx'), scenarios);
  }
  return servers;
}

/** The load rows, each on every server that serves it; resolves [{ scenario, results }]. */
async function runLoadRows(servers, scenarios, options, base) {
  const signers = new Map(servers.filter((s) => s.kind === 's3').map((s) => [s.name, presignerFor(s)]));
  const rows = [];
  for (const scenario of scenarios) {
    const results = new Map();
    for (const server of servers) {
      if (scenario.s3Only && server.kind !== 's3') continue;
      progress(`${scenario.label}: ${server.name}`);
      const sign = signers.get(server.name);
      const row = runRow({ scenario, server, sign, seconds: options.seconds, warmup: options.warmup, dir: base });
      // A reference server that fails under load (s3rver does, at times) leaves its cell marked;
      // tracegw failing is the bench's failure.
      results.set(server.name, server.name === 'tracegw' ? await row : await row.catch((error) => ({ failed: error.message.split('\n')[0] })));
    }
    rows.push({ scenario, results });
  }
  return rows;
}

async function main(options, base) {
  if (!existsSync(join(__dirname, '..', 'dist', 'main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first (`npm run bench` does)');
  }
  pinSelfToGenerator();
  const wrk = wrkPresent();
  const workersFlag = hasWorkersFlag();
  const scenarios = wrk ? SCENARIOS.filter((s) => options.rows.has(s.id)) : [];
  const servers = await startServers(base, scenarios, workersFlag);
  const rows = await runLoadRows(servers, scenarios, options, base);
  let multipart;
  if (options.rows.has('multipart')) {
    progress(`CompleteMultipartUpload of ${options.multipartMib} MiB in ${options.multipartParts} parts`);
    const s3Servers = servers.filter((s) => s.kind === 's3');
    multipart = await runMultipartRow({ servers: s3Servers, totalMib: options.multipartMib, parts: options.multipartParts, dir: base });
  }
  await stopAll();
  console.log(`tracegw beside s3rver and nginx (Node ${process.version}, ${CORE_COUNT} cores)\n`);
  console.log(compareTable(rows, multipart));
  console.log(`\n${notes(rows, options, { wrk, nginx: nginxPresent() })}\n`);
  await printWorkersTable(options, base, { workersFlag, wrk });
}

/** The second table, or why it is skipped. */
async function printWorkersTable(options, base, { workersFlag, wrk }) {
  const ids = workersRows(options.rows);
  if (!workersFlag) console.log('Workers table skipped: this build of tracegw has no --workers flag (`node bin/tracegw.js --help`).');
  else if (!wrk) console.log('Workers table skipped: wrk is not installed.');
  else if (ids.length === 0) console.log('Workers table skipped: --only has neither get4k nor put4k.');
  else {
    const table = await workersTable({ ids, base, seconds: options.seconds, warmup: options.warmup, progress });
    console.log(`tracegw with 1 worker and with one per core, nothing pinned (${options.seconds} s per row)\n\n${table}`);
  }
}

const options = (() => {
  try {
    return parseOptions(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
})();
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}
const base = mkdtempSync(join(options.dir, 'tracegw-s3-compare-'));
const cleanUp = async () => {
  await stopAll();
  rmSync(base, { recursive: true, force: true });
};
let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  progress('interrupted: stopping the servers and removing the data');
  cleanUp().finally(() => process.exit(130));
});
main(options, base)
  .then(cleanUp)
  .catch(async (error) => {
    // Once interrupted, the run fails because its servers are gone: that is no news.
    if (interrupted) return;
    console.error(error);
    await cleanUp();
    process.exit(1);
  });
