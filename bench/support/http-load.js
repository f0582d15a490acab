// Pieces the benchmarks share: a keep-alive HTTP GET load from a worker thread, and the table.
'use strict';
const { Worker } = require('node:worker_threads');

const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const agent = new http.Agent({ keepAlive: true, maxSockets: workerData.connections });
const deadline = Date.now() + workerData.seconds * 1000;
const latencies = [];
let done = 0, errors = 0;
function one() {
  if (Date.now() >= deadline) return Promise.resolve();
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    http.get(workerData.url, { agent }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode === 200) { done++; latencies.push(Number(process.hrtime.bigint() - started) / 1e6); } else errors++;
        resolve();
      });
    }).on('error', () => { errors++; resolve(); });
  }).then(one);
}
Promise.all(Array.from({ length: workerData.connections }, one)).then(() => {
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
  parentPort.postMessage({ done, errors, p50: at(0.5), p99: at(0.99) });
});
`;

/** GETs `url` over `connections` keep-alive connections for `seconds`: { done, errors, p50, p99 } (ms). */
function httpLoad(url, seconds, connections) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_WORKER, { eval: true, workerData: { url, seconds, connections } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** Rows of cells as aligned columns. */
function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => String(row[i]).length)));
  return rows.map((row) => row.map((cell, i) => String(cell).padEnd(widths[i])).join('  ').trimEnd()).join('\n');
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

module.exports = { httpLoad, table, median };
