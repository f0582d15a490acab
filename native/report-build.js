// Run as the root package's postinstall. npm discards the output of a dependency's install
// script that exits 0, so a tolerated build failure of tracegw-native would pass unseen;
// the root's own scripts are shown, hence this warning lives here.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const addon = join(__dirname, 'build', 'Release', 'tracegw_native.node');
if (!existsSync(addon)) {
  const log = join(__dirname, 'build', 'install-error.log');
  console.warn(`WARNING: tracegw's native addon was not built (${addon} is missing).`);
  if (existsSync(log)) console.warn(`The build failed; its output is in ${log}.`);
  console.warn('Without it the posix backend has no extended attributes, O_TMPFILE or copy_file_range.');
  console.warn('Install python3, make and a C compiler, then run `npm rebuild tracegw-native`.');
}
