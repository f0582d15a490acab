// s3rver (the devDependency) in a process of its own, over its own directory.
'use strict';
const { dirname, join } = require('node:path');
const { launch } = require('./launch');

const BIN = join(dirname(require.resolve('s3rver/package.json')), 'bin', 's3rver.js');
// s3rver's fixed account: it verifies SigV4 signatures made with these.
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

/** Starts s3rver over `dir`/data on `core`, without request logging (--silent). */
async function startS3rver({ dir, core }) {
  const server = await launch({
    name: 's3rver',
    dir,
    core,
    command: process.execPath,
    args: (port) => [BIN, '--directory', join(dir, 'data'), '--address', '127.0.0.1', '--port', String(port), '--silent'],
  });
  return { ...server, kind: 's3', credentials: CREDENTIALS };
}

module.exports = { startS3rver };
