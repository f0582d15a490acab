// tracegw as a user runs it: the built CLI, `bin/tracegw.js --port 127.0.0.1:<port> --quiet posix <dir>`.
'use strict';
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const { launch } = require('./launch');

const BIN = join(__dirname, '..', '..', '..', 'bin', 'tracegw.js');
const CREDENTIALS = { accessKeyId: 'BENCHROOTACCESSKEY00', secretAccessKey: 'benchRootSecretKey000000000000000000000000' };

/** Whether this build's CLI has --workers (node:cluster workers); read from its --help. */
const hasWorkersFlag = () => /--workers\b/.test(execFileSync(process.execPath, [BIN, '--help']).toString());

/**
 * Starts a gateway over `dir`/data on `core` (undefined: unpinned), with `workers` processes
 * when given (only where the CLI has --workers) and `options` (global flags, e.g. --otel-*).
 * Request logging is off (--quiet), as it would be in any measured deployment; everything else
 * is the default. `bin` is another build's bin/tracegw.js, to compare builds in one run.
 */
async function startTracegw({ dir, core, workers, options = [], bin = BIN }) {
  const flags = [...(workers === undefined ? [] : ['--workers', String(workers)]), ...options];
  const server = await launch({
    name: 'tracegw',
    dir,
    core,
    command: process.execPath,
    args: (port) => [bin, '--port', `127.0.0.1:${port}`, '--quiet', ...flags, 'posix', join(dir, 'data')],
    env: { ROOT_ACCESS_KEY: CREDENTIALS.accessKeyId, ROOT_SECRET_KEY: CREDENTIALS.secretAccessKey },
  });
  return { ...server, kind: 's3', credentials: CREDENTIALS };
}

module.exports = { startTracegw, hasWorkersFlag };
