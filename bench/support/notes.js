// The lines under the comparison table: how the run was set up, what it skipped, and which of
// its lines not to take at face value.
'use strict';
const { CORES } = require('./children');
const { rowSeconds } = require('./scenarios');

/** What each line of a load row may need said about it. */
function lineWarnings(scenario, name, r, optionSeconds) {
  const warnings = [];
  const seconds = rowSeconds(scenario, optionSeconds);
  const where = `${scenario.label}, ${name}`;
  if (r.generatorCpuPercent >= 90) warnings.push(`${where}: wrk used ${r.generatorCpuPercent.toFixed(0)} % of its core, it may be the limit`);
  if (scenario.unit === 'MiB/s' && r.requests < 2 * scenario.connections) {
    warnings.push(`${where}: only ${r.requests} transfers completed in ${seconds} s, too few to trust: raise --seconds`);
  }
  if (r.seconds < 0.9 * seconds) warnings.push(`${where}: ran ${r.seconds.toFixed(1)} s, its pre-signed new keys ran out (none is written twice)`);
  return warnings;
}

/** Markdown list items; `rows` as compareTable takes them, `found` says whether wrk and nginx are installed. */
function notes(rows, { seconds, warmup }, found) {
  const lines = [
    CORES ? `servers pinned to core ${CORES.server} (taskset), wrk and this script to core ${CORES.generator}` : 'one core: nothing pinned',
    `${seconds} s per row and server (64 MiB rows: ${2 * seconds} s) after a ${warmup} s warm-up; wrk -t1 over 16 keep-alive connections, ` +
      '64 MiB rows over 4 (their MiB/s: connections × 64 MiB ÷ mean latency); every request pre-signed (SigV4) but nginx’s',
  ];
  if (!found.wrk) lines.push('wrk is not installed (apt-get install wrk): the load rows are skipped');
  if (!found.nginx) lines.push('nginx is not installed at /usr/sbin/nginx (apt-get install nginx-light): its lines and the ÷ nginx ratios are skipped');
  const all = rows.flatMap(({ results }) => [...results.values()]);
  const shared = all.filter((r) => r.othersOnCorePercent >= 10).length;
  if (shared > 0) lines.push(`on ${shared} of ${all.length} lines other work took 10 % or more of the server's core (others on its core): their numbers are low`);
  for (const { scenario, results } of rows) {
    for (const [name, r] of results) lines.push(...lineWarnings(scenario, name, r, seconds));
  }
  return lines.map((line) => `- ${line}`).join('\n');
}

module.exports = { notes };
