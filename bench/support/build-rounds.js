// Several builds of tracegw over the same rows, taking turns every round: a fresh gateway (one
// process pinned to the server core, wrk on the other) over a fresh directory each time, so that
// a noisy host weighs on every build alike. What the A/B benches (versioning-ab, listing-owners-ab)
// share.
'use strict';
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { parseArgs } = require('node:util');
const { CORES, pinSelfToGenerator, stop, stopAll } = require('./children');
const { seedS3 } = require('./dataset');
const { median } = require('./http-load');
const { presignerFor } = require('./presign');
const { runRow } = require('./row');
const { startTracegw } = require('./servers/tracegw');

/** --seconds, --warmup, --rounds and the required --against <other build> of an A/B bench. */
function buildRoundsArgs(extra = {}) {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '1' },
      rounds: { type: 'string', default: '3' },
      against: { type: 'string' },
      ...extra,
    },
  });
  if (values.against === undefined) throw new Error('--against <other build> is required');
  return values;
}

/** bin/tracegw.js of this checkout. */
const THIS_BIN = join(__dirname, '..', '..', 'bin', 'tracegw.js');

/** One build's round: each row's throughput, by scenario id. `build.env(dir)` sets variables the gateway inherits. */
async function round(build, base, index, { rows, seed, seconds, warmup }) {
  const dir = mkdtempSync(join(base, `b${index}-`));
  const env = build.env?.(dir) ?? {};
  Object.assign(process.env, env);
  try {
    const server = await startTracegw({ dir, core: CORES?.server, workers: 1, bin: build.bin });
    try {
      await seedS3(server, seed);
      const sign = presignerFor(server);
      const results = {};
      for (const scenario of rows) results[scenario.id] = (await runRow({ scenario, server, sign, seconds, warmup, dir })).throughput;
      return results;
    } finally {
      await stop(server.child);
    }
  } finally {
    for (const name of Object.keys(env)) delete process.env[name];
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs `rows` (seeding `seed`, the rows themselves unless given) on every build, `rounds` times
 * in turn, and resolves a function giving a build's median throughput of a row.
 */
async function runBuildRounds({ builds, rows, seed = rows, rounds, seconds, warmup, name }) {
  pinSelfToGenerator();
  const base = mkdtempSync(join(tmpdir(), `tracegw-${name}-`));
  const results = new Map(builds.map((build) => [build, []]));
  try {
    for (let i = 0; i < rounds; i++) {
      for (const [b, build] of builds.entries()) {
        process.stderr.write(`… round ${i + 1}: ${build.label}\n`);
        results.get(build).push(await round(build, base, i * builds.length + b, { rows, seed, seconds, warmup }));
      }
    }
  } finally {
    await stopAll();
    rmSync(base, { recursive: true, force: true });
  }
  return (build, id) => median(results.get(build).map((r) => r[id]));
}

/** A change against a baseline, as the tables print it. */
const percentChange = (value, baseline) => `${(((value - baseline) / baseline) * 100).toFixed(1)}%`;

module.exports = { THIS_BIN, buildRoundsArgs, percentChange, runBuildRounds };
