// Install script of tracegw-native: builds the addon with node-gyp, but never fails `npm ci`,
// so a machine without a C toolchain still installs everything else. The failure is kept in
// build/install-error.log, which the loader's error and report-build.js point to.
// TRACEGW_NATIVE_REQUIRED=1 (e.g. in CI) turns the failure back into an error.
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

// npm hands its bundled node-gyp to install scripts; outside npm, use one on the PATH.
const gyp = process.env.npm_config_node_gyp;
const [command, args] = gyp ? [process.execPath, [gyp, 'rebuild']] : ['node-gyp', ['rebuild']];
const run = spawnSync(command, args, { cwd: __dirname, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

if (run.status !== 0) {
  const output = [run.error ? String(run.error) : '', run.stdout ?? '', run.stderr ?? ''].join('\n');
  const log = join(__dirname, 'build', 'install-error.log');
  mkdirSync(join(__dirname, 'build'), { recursive: true });
  writeFileSync(log, output);
  // npm shows this only with --foreground-scripts; report-build.js (the root's postinstall) says it always.
  const tail = output.trim().split('\n').slice(-15).join('\n');
  console.warn(`${tail}\n\nWARNING: tracegw-native did not build (log: ${log}).`);
  process.exit(process.env.TRACEGW_NATIVE_REQUIRED === '1' ? 1 : 0);
}
