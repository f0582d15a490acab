// The CompleteMultipartUpload row: on each S3 server, upload the parts, flush, then time
// Complete alone (with the server's CPU and memory watched); beside it, cp of a file the same
// size on the same file system.
'use strict';
const { randomBytes } = require('node:crypto');
const { rmSync } = require('node:fs');
const { join } = require('node:path');
const { DeleteObjectCommand } = require('@aws-sdk/client-s3');
const { uploadParts, settle, completeMs, writeFresh, timeCommands } = require('./multipart');
const { clientFor } = require('./presign');
const { watchUsage } = require('./proc-usage');
const { BUCKET, MiB } = require('./scenarios');

const KEY = 'multipart.bin';

/**
 * Resolves { label, results: Map(server name -> { seconds, serverCpuPercent, othersOnCorePercent,
 * peakRssBytes }),
 * cpSeconds } for `servers` (S3 servers), `totalMib` in `parts` parts, files for cp in `dir`.
 */
async function runMultipartRow({ servers, totalMib, parts, dir }) {
  const part = randomBytes(Math.floor((totalMib * MiB) / parts));
  const results = new Map();
  for (const server of servers) {
    const s3 = clientFor(server);
    try {
      const upload = await uploadParts(s3, BUCKET, KEY, part, parts);
      settle();
      const stopWatching = watchUsage(server.child.pid, server.core);
      const elapsedMs = await completeMs(s3, BUCKET, KEY, upload);
      const usage = stopWatching();
      results.set(server.name, {
        seconds: elapsedMs / 1000,
        serverCpuPercent: usage.cpuPercent,
        othersOnCorePercent: usage.othersOnCorePercent,
        peakRssBytes: usage.peakRssBytes,
      });
      await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: KEY }));
    } finally {
      s3.destroy();
    }
  }
  const source = join(dir, 'cp-source.bin');
  const copy = join(dir, 'cp-copy.bin');
  writeFresh(source, part, parts);
  const cpSeconds = timeCommands([['cp', source, copy]]) / 1000;
  rmSync(source);
  rmSync(copy);
  return { label: `CompleteMultipartUpload ${totalMib >= 1024 ? `${totalMib / 1024} GiB` : `${totalMib} MiB`} / ${parts} parts`, results, cpSeconds };
}

module.exports = { runMultipartRow };
