// The second table: tracegw's GET and PUT 4 KiB throughput with 1 worker and with one per core,
// nothing pinned (the gateway and wrk share every core, as a deployment's would).
'use strict';
const { join } = require('node:path');
const { ALL_CORES, CORE_COUNT, stop } = require('./children');
const { seedS3 } = require('./dataset');
const { amount, percent, ratio } = require('./format');
const { markdownTable } = require('./markdown-table');
const { presignerFor } = require('./presign');
const { runRow } = require('./row');
const { SCENARIOS } = require('./scenarios');
const { startTracegw } = require('./servers/tracegw');

/** The rows of this table, of those the run was asked for. */
const WORKERS_ROWS = ['get4k', 'put4k'];
const workersRows = (rows) => WORKERS_ROWS.filter((id) => rows.has(id));

/** Runs `ids` (of workersRows) on a fresh gateway for each worker count; resolves the table's text. */
async function workersTable({ ids, base, seconds, warmup, progress }) {
  const cores = CORE_COUNT;
  const scenarios = SCENARIOS.filter((s) => ids.includes(s.id));
  const counts = [1, cores];
  const measured = new Map(scenarios.map((s) => [s.id, []]));
  for (const workers of counts) {
    const dir = join(base, `tracegw-workers-${workers}`);
    const server = await startTracegw({ dir, core: ALL_CORES, workers });
    try {
      await seedS3(server, scenarios);
      const sign = presignerFor(server);
      for (const scenario of scenarios) {
        progress(`${scenario.label}: ${server.name}, unpinned`);
        measured.get(scenario.id).push(await runRow({ scenario, server, sign, seconds, warmup, dir, pinned: false }));
      }
    } finally {
      await stop(server.child);
    }
  }
  const header = ['scenario (tracegw, unpinned)', '1 worker', `${cores} workers`, `${cores} ÷ 1`, 'wrk CPU (1 / N)'];
  const lines = scenarios.map((s) => {
    const [one, all] = measured.get(s.id);
    return [
      s.label,
      `${amount(one.throughput)} ${s.unit}`,
      `${amount(all.throughput)} ${s.unit}`,
      ratio(all.throughput / one.throughput),
      `${percent(one.generatorCpuPercent)} / ${percent(all.generatorCpuPercent)}`,
    ];
  });
  return markdownTable(header, lines, new Set([1, 2, 3, 4]));
}

module.exports = { workersTable, workersRows };
