// The comparison table: a line per row and server, the ratios on tracegw's line.
'use strict';
const { amount, ms, seconds, percent, mib, ratio } = require('./format');
const { markdownTable } = require('./markdown-table');

const HEADER = [
  'scenario',
  'server',
  'throughput',
  'p50',
  'p99',
  'server CPU',
  'others on its core',
  'server peak RSS',
  'wrk CPU',
  'tracegw ÷ nginx',
  'tracegw ÷ s3rver',
];
const RIGHT = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]);

/** Lines of one load row: `results` maps server names (tracegw, s3rver, nginx) to runRow's results. */
function loadLines(scenario, results) {
  const tracegw = results.get('tracegw')?.throughput;
  return [...results].map(([name, r]) => (r.failed ? failedLine(scenario, name) : [
    scenario.label,
    name,
    `${amount(r.throughput)} ${scenario.unit}`,
    ms(r.p50Ms),
    ms(r.p99Ms),
    percent(r.serverCpuPercent),
    percent(r.othersOnCorePercent),
    mib(r.peakRssBytes),
    percent(r.generatorCpuPercent),
    name === 'tracegw' ? ratio(tracegw / results.get('nginx')?.throughput) : '',
    name === 'tracegw' ? ratio(tracegw / results.get('s3rver')?.throughput) : '',
  ]));
}

/** A reference server that answered errors under load: no numbers, and no ratio against it. */
function failedLine(scenario, name) {
  return [scenario.label, name, 'errors under load', '-', '-', '-', '-', '-', '-', '', ''];
}

/** Lines of the multipart row (times, lower is better): tracegw ÷ cp stands in the nginx column. */
function multipartLines({ label, results, cpSeconds }) {
  const tracegw = results.get('tracegw')?.seconds;
  const lines = [...results].map(([name, r]) => [
    label,
    name,
    seconds(r.seconds),
    '-',
    '-',
    percent(r.serverCpuPercent),
    percent(r.othersOnCorePercent),
    mib(r.peakRssBytes),
    '-',
    name === 'tracegw' ? `${ratio(tracegw / cpSeconds)} (÷ cp)` : '',
    name === 'tracegw' ? ratio(tracegw / results.get('s3rver')?.seconds) : '',
  ]);
  return [...lines, [label, 'cp, same file system', seconds(cpSeconds), '-', '-', '-', '-', '-', '-', '', '']];
}

/** The whole table: `rows` are { scenario, results } of load rows, `multipart` the multipart row or undefined. */
function compareTable(rows, multipart) {
  const lines = rows.flatMap(({ scenario, results }) => loadLines(scenario, results));
  if (multipart !== undefined) lines.push(...multipartLines(multipart));
  return markdownTable(HEADER, lines, RIGHT);
}

module.exports = { compareTable };
