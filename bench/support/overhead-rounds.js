// A remote backend's overhead: the same sequential requests through tracegw and straight to the
// service behind it, sides alternating round by round in one run, medians per row.
'use strict';
const { Buffer } = require('node:buffer');
const { performance } = require('node:perf_hooks');

/** What both overhead benches send and with which keys: `[requests per round and row] [rounds]` from the command line. */
function overheadSettings(argv) {
  return {
    requests: Math.min(Math.max(Number(argv[2] ?? 300), 10), 5000),
    rounds: Math.min(Math.max(Number(argv[3] ?? 5), 1), 15),
    access: 'BENCHROOTACCESSKEY00',
    secret: 'benchRootSecretKey000000000000000000000000',
    body: Buffer.alloc(4096, 7),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Milliseconds per request of `op`, run `requests` times one after the other. */
async function perRequest(requests, op) {
  const started = performance.now();
  for (let i = 0; i < requests; i++) await op(i);
  return (performance.now() - started) / requests;
}

/**
 * Runs each row's `direct` and `gateway` side `rounds` times, `requests` requests a time; which
 * side goes first alternates, so neither always meets a warmer machine. Returns the per-round
 * milliseconds per request: { row: { direct: [...], gateway: [...] } }.
 */
async function alternateRounds(rows, requests, rounds) {
  const results = Object.fromEntries(Object.keys(rows).map((row) => [row, { gateway: [], direct: [] }]));
  for (let round = 0; round < rounds; round++) {
    for (const [row, ops] of Object.entries(rows)) {
      const order = round % 2 === 0 ? ['direct', 'gateway'] : ['gateway', 'direct'];
      for (const side of order) results[row][side].push(await perRequest(requests, ops[side]));
    }
  }
  return results;
}

/** The markdown table of docs/backends.md: medians of each side and the difference. */
function printOverheadTable(results, { requests, rounds, direct }) {
  console.log(`\n${requests} sequential requests per round and side, ${rounds} rounds, medians (ms per request)\n`);
  console.log(`| row | ${direct} | through tracegw | overhead |`);
  console.log(`|-----|${'-'.repeat(direct.length + 1)}:|----------------:|---------:|`);
  for (const [row, r] of Object.entries(results)) {
    const d = median(r.direct);
    const g = median(r.gateway);
    console.log(`| ${row} | ${d.toFixed(3)} | ${g.toFixed(3)} | +${(g - d).toFixed(3)} ms (${((g / d - 1) * 100).toFixed(0)} %) |`);
  }
}

module.exports = { overheadSettings, alternateRounds, printOverheadTable };
