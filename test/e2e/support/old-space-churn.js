// Run as `node old-space-churn.js [module to require first]`: allocates what a busy gateway does
// to V8's old generation (a steady live set, and request garbage that outlives two scavenges and
// dies there), then prints the largest old space it saw, in bytes, as JSON.
'use strict';
const { getHeapSpaceStatistics } = require('node:v8');

if (process.argv[2]) require(process.argv[2]);

const oldSpaceBytes = () => getHeapSpaceStatistics().find((space) => space.space_name === 'old_space').physical_space_size;

// About 10 MiB that stays alive throughout, as a gateway's modules and caches do.
const live = Array.from({ length: 100000 }, (_, i) => ({ id: i, name: `live-${i}` }));
// In-flight "requests": each batch is kept for 64 more batches, long enough to be promoted.
const ring = new Array(64);
let largest = oldSpaceBytes();
for (let i = 0; i < 3000; i++) {
  ring[i % ring.length] = Array.from({ length: 2000 }, (_, j) => ({ key: `key-${i}-${j}`, size: j }));
  if (i % 50 === 0) largest = Math.max(largest, oldSpaceBytes());
}
largest = Math.max(largest, oldSpaceBytes());
process.stdout.write(JSON.stringify({ largest, kept: live.length + ring.length }));
