// The command line of bench/s3-compare.js: seconds per row, which rows, the multipart sizes.
'use strict';
const { tmpdir } = require('node:os');

const ROWS = ['get4k', 'head', 'put4k', 'list', 'get64m', 'put64m', 'multipart'];

const USAGE = `usage: node bench/s3-compare.js [options]   (or: npm run bench -- [options])
  --seconds N          measured seconds per row and server (default 5, at most 60)
  --warmup N           warm-up seconds before each row (default 1, at most 10)
  --only a,b           rows to run, of: ${ROWS.join(', ')} (default: all)
  --skip-multipart     leave out the CompleteMultipartUpload row (1 GiB per server, plus cp)
  --multipart-mib N    total size of the multipart upload in MiB (default 1024)
  --multipart-parts N  number of parts (default 16)
  --dir PATH           where the temporary data sets go (default: the OS temp dir)
  --help               this text`;

/** A whole-number option within [min, max] (wrk takes whole seconds), or a readable error. */
function bounded(name, text, min, max) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, not ${text}`);
  return value;
}

/** The options of one run, from argv (without node and the script). */
function parseOptions(argv) {
  const options = { seconds: 5, warmup: 1, rows: new Set(ROWS), multipartMib: 1024, multipartParts: 16, dir: tmpdir(), help: false };
  let skipMultipart = false;
  const args = [...argv];
  const value = (name) => {
    if (args.length === 0) throw new Error(`${name} needs a value`);
    return args.shift();
  };
  while (args.length > 0) {
    const arg = args.shift();
    if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg === '--seconds') options.seconds = bounded(arg, value(arg), 1, 60);
    else if (arg === '--warmup') options.warmup = bounded(arg, value(arg), 0, 10);
    else if (arg === '--skip-multipart') skipMultipart = true;
    else if (arg === '--multipart-mib') options.multipartMib = bounded(arg, value(arg), 1, 16384);
    else if (arg === '--multipart-parts') options.multipartParts = bounded(arg, value(arg), 1, 1000);
    else if (arg === '--dir') options.dir = value(arg);
    else if (arg === '--only') {
      const wanted = value(arg).split(',').filter(Boolean);
      const unknown = wanted.filter((row) => !ROWS.includes(row));
      if (unknown.length > 0) throw new Error(`unknown row ${unknown.join(', ')}; rows are ${ROWS.join(', ')}`);
      options.rows = new Set(wanted);
    } else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  if (skipMultipart) options.rows.delete('multipart');
  if (options.rows.has('multipart') && options.multipartMib / options.multipartParts < 5 && options.multipartParts > 1) {
    throw new Error('every part but the last must be at least 5 MiB: raise --multipart-mib or lower --multipart-parts');
  }
  return options;
}

module.exports = { parseOptions, USAGE, ROWS };
