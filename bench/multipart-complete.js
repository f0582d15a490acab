// How long CompleteMultipartUpload takes to assemble a 1 GiB upload of 16 parts, beside `cp` of
// the same gigabyte on the same file system. Run by hand after `npm run build`:
//   node bench/multipart-complete.js [dir] [total MiB, default 1024] [parts, default 16] [rounds, default 3]
// `dir` picks the file system (default: the OS temp dir); it needs about 5 times the total free.
'use strict';
// Node 20 is this project's runtime by decision; the SDK's reminder would clutter the table.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
require('reflect-metadata');
const { execFileSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { mkdtempSync, rmSync, statSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist');
const { createApp } = require(join(dist, 'app.factory'));
const { resolveGatewayConfig } = require(join(dist, 'config'));
const { S3Client, CreateBucketCommand, DeleteObjectCommand } = require('@aws-sdk/client-s3');
const { uploadParts, settle, completeMs, writeFresh, timeCommands } = require('./support/multipart');

const BASE = process.argv[2] ?? tmpdir();
const TOTAL_MIB = Number(process.argv[3] ?? 1024);
const PARTS = Number(process.argv[4] ?? 16);
const ROUNDS = Math.min(Math.max(Number(process.argv[5] ?? 3), 1), 10);
const MiB = 1024 * 1024;
const ACCESS = 'BENCHROOTACCESSKEY00';
const SECRET = 'benchRootSecretKey000000000000000000000000';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

/** An in-process gateway (`tracegw --quiet [--disable-copy-file-range] posix <root>`) and an SDK client for it. */
async function gateway(root, flags) {
  const { config } = resolveGatewayConfig({ flags: { access: ACCESS, secret: SECRET, quiet: true, ...flags }, env: {}, dir: root, cwd: root });
  const app = await createApp(config);
  await app.app.listen(0, '127.0.0.1');
  const { port } = app.app.getHttpServer().address();
  const s3 = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: ACCESS, secretAccessKey: SECRET },
    // Plain MD5-less parts: the bench measures assembly, not checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
  });
  return { app, s3 };
}

/** Flushes, then times CompleteMultipartUpload of an upload made by uploadParts. */
async function timeComplete(s3, Key, upload) {
  settle();
  return completeMs(s3, 'bench', Key, upload);
}

const upload = (s3, Key, part, fullObject = false) => uploadParts(s3, 'bench', Key, part, PARTS, fullObject);

async function main() {
  const base = mkdtempSync(join(BASE, 'tracegw-bench-mp-'));
  const gateways = [];
  try {
    const part = randomBytes(Math.floor((TOTAL_MIB * MiB) / PARTS));
    const kernel = await gateway(join(base, 'kernel'), {});
    gateways.push(kernel);
    const user = await gateway(join(base, 'user'), { disableCopyFileRange: true });
    gateways.push(user);
    for (const g of gateways) await g.s3.send(new CreateBucketCommand({ Bucket: 'bench' }));
    const source = join(base, 'source.bin');
    const copy = join(base, 'copy.bin');
    const times = { kernel: [], user: [], checksum: [], cp: [], cpSync: [] };
    let size = 0;
    // On this kind of machine a copy is much slower when its source was written moments ago
    // (cp shows it too): every copy here reads data written the same way just before, parts for
    // Complete, a fresh file for cp, so that both measure the same thing.
    for (let i = 0; i < ROUNDS; i++) {
      const key = `round-${i}.bin`;
      const mine = await upload(kernel.s3, key, part);
      times.kernel.push(await timeComplete(kernel.s3, key, mine));
      size = statSync(join(base, 'kernel', 'bench', key)).size;
      await kernel.s3.send(new DeleteObjectCommand({ Bucket: 'bench', Key: key }));

      const theirs = await upload(user.s3, key, part);
      times.user.push(await timeComplete(user.s3, key, theirs));
      await user.s3.send(new DeleteObjectCommand({ Bucket: 'bench', Key: key }));

      const summed = await upload(kernel.s3, key, part, true);
      times.checksum.push(await timeComplete(kernel.s3, key, summed));
      await kernel.s3.send(new DeleteObjectCommand({ Bucket: 'bench', Key: key }));

      for (const [list, commands] of [
        [times.cp, [['cp', source, copy]]],
        [times.cpSync, [['cp', source, copy], ['sync', copy]]],
      ]) {
        writeFresh(source, part, PARTS);
        list.push(timeCommands(commands));
        rmSync(copy);
        rmSync(source);
      }
    }

    const rows = [
      ['measurement', `median of ${ROUNDS}`, 'min', 'max'],
      [`CompleteMultipartUpload, ${PARTS} parts, kernel copy (default)`, ...stats(times.kernel)],
      [`CompleteMultipartUpload, ${PARTS} parts, user-space copy`, ...stats(times.user)],
      [`CompleteMultipartUpload, ${PARTS} parts, FULL_OBJECT CRC64NVME`, ...stats(times.checksum)],
      [`cp ${size / MiB} MiB, same file system`, ...stats(times.cp)],
      [`cp ${size / MiB} MiB + sync`, ...stats(times.cpSync)],
    ];
    const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
    for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  '));
    const complete = median(times.kernel);
    console.log(`\nComplete (copy_file_range) / cp: ${(complete / median(times.cp)).toFixed(2)}`);
    console.log(`Complete (copy_file_range) / (cp + sync): ${(complete / median(times.cpSync)).toFixed(2)}`);
    console.log(`file system of ${BASE}: ${execFileSync('df', ['-T', BASE]).toString().split('\n')[1]?.split(/\s+/)[1] ?? 'unknown'}`);
  } finally {
    for (const g of gateways) {
      g.s3.destroy();
      await g.app.close();
    }
    rmSync(base, { recursive: true, force: true });
  }
}

function stats(xs) {
  return [fmt(median(xs)), fmt(Math.min(...xs)), fmt(Math.max(...xs))];
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
