// Preloaded into a gateway by bench/get-allocations.js (`node -r`): V8's sampling heap profiler,
// garbage included, between two SIGUSR2s. The first starts sampling and counts the requests
// served from then on; the second stops it and writes the profile and that count to
// $TRACEGW_HEAP_PROFILE as JSON. Bytes are sampled every 4 KiB allocated, so a few seconds of
// load give the per-request figures to a few tens of bytes.
'use strict';
const http = require('node:http');
const inspector = require('node:inspector');
const { writeFileSync } = require('node:fs');

const session = new inspector.Session();
session.connect();
let requests = 0;
let sampling = false;
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function countRequests(event, ...args) {
  if (event === 'request') requests++;
  return emit.call(this, event, ...args);
};

process.on('SIGUSR2', () => {
  if (!sampling) {
    sampling = true;
    requests = 0;
    session.post('HeapProfiler.enable');
    session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
    return;
  }
  const served = requests;
  session.post('HeapProfiler.stopSampling', (error, result) => {
    writeFileSync(process.env.TRACEGW_HEAP_PROFILE, JSON.stringify(error ? { error: error.message } : { requests: served, profile: result.profile }));
  });
  sampling = false;
});
