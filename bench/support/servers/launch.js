// What every server launcher shares: a directory with the server's files in data/ and its log, a
// free port, and waiting until the server answers before a row can use it.
'use strict';
const { closeSync, mkdirSync, openSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { start } = require('../children');
const { freePort, waitUntilAnswering } = require('../ports');

/**
 * Starts `command args(port)` on `core` with stdout and stderr into `dir`/server.log, and
 * resolves { name, origin, child, core } once it answers HTTP on 127.0.0.1:<port>; on failure
 * the log's tail is in the error.
 */
async function launch({ name, dir, core, command, args, env }) {
  mkdirSync(join(dir, 'data'), { recursive: true });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const logFile = join(dir, 'server.log');
  const log = openSync(logFile, 'w');
  const child = start(core, command, args(port), { env: { ...process.env, ...env }, output: log });
  closeSync(log);
  try {
    await waitUntilAnswering(name, child, origin);
  } catch (error) {
    throw new Error(`${error.message}\n--- ${logFile} ---\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
  }
  return { name, origin, child, core };
}

module.exports = { launch };
