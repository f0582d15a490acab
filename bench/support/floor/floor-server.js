// The least a Node server can do to answer a presigned 4 KiB GET, in stages, for bench/get-floor.js:
// node:http and nothing else ('memory': a 4 KiB buffer held in memory), then with the gateway's
// own SigV4 verifier ('sigv4'), with the gateway's own native open from memory beneath the bucket
// ('open': openat2 of the key, fstat, its attributes, the data in one call), and with both
// ('sigv4+open': the work every GET must do). No request state, tracing, access check, command
// bus or history row: what these stages cost is the floor under the gateway's GET.
//   node floor-server.js STAGE PORT DATA_DIR DIST_DIR   (ROOT_ACCESS_KEY / ROOT_SECRET_KEY in env)
'use strict';
const http = require('node:http');
const { Buffer } = require('node:buffer');
const { openSync } = require('node:fs');
const { join } = require('node:path');

const [stage, port, dataDir, dist] = process.argv.slice(2);
const STAGES = ['memory', 'sigv4', 'open', 'sigv4+open'];
if (!STAGES.includes(stage)) throw new Error(`floor-server: stage must be one of ${STAGES.join(', ')}`);
const verifies = stage.includes('sigv4');
const opens = stage.includes('open');

const { authenticateRequest } = require(join(dist, 's3', 'auth', 'authenticate-request'));
const { loadNativeAddon } = require(join(dist, 'native', 'native-addon'));
const account = { access: process.env.ROOT_ACCESS_KEY, secret: process.env.ROOT_SECRET_KEY, role: 'admin' };
const lookup = (accessKey) => (accessKey === account.access ? account : undefined);
const authOptions = { region: 'us-east-1' };
const native = opens ? loadNativeAddon() : undefined;
const rootFd = openSync(dataDir, 'r');
const bucketFds = new Map();
const held = Buffer.alloc(4096, 0x61);
/** The most the open reads whole, as the gateway's GET (256 KiB). */
const READ_LIMIT = 256 * 1024;

/** Answers with the object's data and the headers a GET sends. */
function openAndAnswer(rawPath, res) {
  const slash = rawPath.indexOf('/', 1);
  const bucket = decodeURIComponent(rawPath.slice(1, slash));
  const key = decodeURIComponent(rawPath.slice(slash + 1));
  let bucketFd = bucketFds.get(bucket);
  if (bucketFd === undefined) bucketFds.set(bucket, (bucketFd = native.openBucketCached(rootFd, bucket)));
  const opened = native.openObjectCached(rootFd, bucketFd, key, READ_LIMIT);
  // Not all in memory this time (the kernel dropped something): the thread pool's open, as the gateway does.
  if (!opened) {
    native.openObject(rootFd, bucket, key, READ_LIMIT).then((pooled) => answerWith(pooled, res), (error) => answer(res, 500, {}, String(error.code)));
    return;
  }
  answerWith(opened, res);
}

function answerWith([, , size, mtimeMs, attrs, data], res) {
  let etag = '';
  for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === 'user.etag') etag = attrs[i + 1];
  answer(res, 200, { etag: `"${etag}"`, 'last-modified': new Date(mtimeMs).toUTCString(), 'content-length': size }, data);
}

function answer(res, status, headers, body) {
  res.writeHead(status, { 'accept-ranges': 'bytes', 'content-type': 'application/octet-stream', 'x-amz-request-id': 'floor', ...headers });
  res.end(body);
}

http
  .createServer((req, res) => {
    try {
      if (verifies) authenticateRequest({ method: req.method, rawUrl: req.url, headers: req.headers, rawHeaders: req.rawHeaders, body: req }, lookup, authOptions);
      const query = req.url.indexOf('?');
      if (opens) openAndAnswer(query < 0 ? req.url : req.url.slice(0, query), res);
      else answer(res, 200, { etag: '"floor"', 'last-modified': new Date(0).toUTCString(), 'content-length': held.length }, held);
    } catch (error) {
      answer(res, 403, {}, String(error.code ?? error.message));
    }
  })
  .listen(Number(port), '127.0.0.1');
