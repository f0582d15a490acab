// The pieces of a CompleteMultipartUpload measurement beside cp, shared by multipart-complete.js
// and s3-compare.js: upload the parts, flush, time Complete as the client sees it, and write and
// copy a file the same size the way parts are written.
'use strict';
const { execFileSync } = require('node:child_process');
const { closeSync, fdatasyncSync, openSync, writeSync } = require('node:fs');
const { CreateMultipartUploadCommand, UploadPartCommand, CompleteMultipartUploadCommand } = require('@aws-sdk/client-s3');

const now = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Uploads `parts` parts of `part` (one random buffer reused: content does not matter to a copy);
 * resolves what Complete needs. With `fullObject`, the upload asks for a FULL_OBJECT CRC64NVME
 * checksum (each part carries its own, which the SDK computes), so that Complete copies through
 * the checksum.
 */
async function uploadParts(s3, Bucket, Key, part, parts, fullObject = false) {
  const checksum = fullObject ? { ChecksumAlgorithm: 'CRC64NVME', ChecksumType: 'FULL_OBJECT' } : {};
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ...checksum }));
  const Parts = [];
  for (let PartNumber = 1; PartNumber <= parts; PartNumber++) {
    const partChecksum = fullObject ? { ChecksumAlgorithm: 'CRC64NVME' } : {};
    const out = await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body: part, ...partChecksum }));
    Parts.push({ PartNumber, ETag: out.ETag, ...(fullObject ? { ChecksumCRC64NVME: out.ChecksumCRC64NVME } : {}) });
  }
  return { UploadId, Parts };
}

/**
 * Flushes what earlier steps left dirty, so that each timed step pays for its own writes only
 * (Complete has its object on the device when it answers; cp leaves its copy in the page cache).
 */
const settle = () => execFileSync('sync');

/** Milliseconds CompleteMultipartUpload of `upload` takes, as the client sees it (no settle first). */
async function completeMs(s3, Bucket, Key, { UploadId, Parts }) {
  const started = now();
  await s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }));
  return now() - started;
}

/** A file of `parts` times `part`, written and synced the way UploadPart writes parts. */
function writeFresh(file, part, parts) {
  const fd = openSync(file, 'w');
  try {
    for (let i = 0; i < parts; i++) writeSync(fd, part, 0, part.length, i * part.length);
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Milliseconds the commands take, one after the other, after a settle. */
function timeCommands(commands) {
  settle();
  const started = now();
  for (const [command, ...rest] of commands) execFileSync(command, rest);
  return now() - started;
}

module.exports = { uploadParts, settle, completeMs, writeFresh, timeCommands };
