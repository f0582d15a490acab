// The rows of the comparison (issue #12's table) and the request targets each needs per server:
// pre-signed targets for the S3 servers, plain paths for nginx.
'use strict';

const KiB = 1024;
const MiB = 1024 * KiB;

// `object`: an object of the data set, read by every request; `newKeys`: each request writes a
// key of its own, and the row signs enough for `keysPerSecond` over its seconds (a server faster
// than that ends the row early, when its keys run out, rather than overwrite one).
const SCENARIOS = [
  { id: 'get4k', label: 'GET 4 KiB', method: 'GET', object: { key: 'object-4k.bin', size: 4 * KiB }, unit: 'ops/s', connections: 16 },
  { id: 'head', label: 'HEAD (0 B object)', method: 'HEAD', object: { key: 'object-0.bin', size: 0 }, unit: 'ops/s', connections: 16 },
  { id: 'put4k', label: 'PUT 4 KiB, new keys', method: 'PUT', newKeys: { size: 4 * KiB, keysPerSecond: 12000 }, unit: 'ops/s', connections: 16 },
  { id: 'list', label: 'ListObjectsV2, 1,000 keys', method: 'GET', list: { bucket: 'bench-list', keys: 1000 }, unit: 'lists/s', connections: 16, s3Only: true },
  // 64 MiB: 4 connections (4 transfers in flight keep any of the servers busy) and twice the
  // seconds, so that each connection completes several transfers (see bigThroughput in row.js).
  // The PUT row's keys cap what it writes at 512 MiB/s × its seconds.
  { id: 'get64m', label: 'GET 64 MiB', method: 'GET', object: { key: 'object-64m.bin', size: 64 * MiB }, unit: 'MiB/s', connections: 4, secondsFactor: 2 },
  {
    id: 'put64m',
    label: 'PUT 64 MiB, new keys',
    method: 'PUT',
    newKeys: { size: 64 * MiB, keysPerSecond: 8 },
    unit: 'MiB/s',
    connections: 4,
    secondsFactor: 2,
  },
];

const BUCKET = 'bench';

/** The path of one object of the data set, or of a new key of a PUT row, on a server of `kind`. */
function objectPath(kind, scenario, key) {
  if (scenario.newKeys !== undefined) return kind === 's3' ? `/${BUCKET}/${scenario.id}/${key}` : `/put/${scenario.id}/${key}`;
  return `/${BUCKET}/${key}`;
}

/**
 * A function making a row's targets on `server` for one phase ('check', 'warm', 'run') of
 * `seconds`: one target for reads, `keysPerSecond` × seconds (+ `spare`) new keys for PUT rows.
 * `sign` is the server's presigner (S3 servers only).
 */
function targetsFor(scenario, server, sign) {
  const target = (method, path, query) => (server.kind === 's3' ? sign(method, path, query) : path);
  return async (phase, seconds, spare) => {
    if (scenario.list !== undefined) return [await target('GET', `/${scenario.list.bucket}`, { 'list-type': '2', ...scenario.list.query })];
    if (scenario.object !== undefined) return [await target(scenario.method, objectPath(server.kind, scenario, scenario.object.key))];
    const count = phase === 'check' ? 1 : Math.ceil(seconds * scenario.newKeys.keysPerSecond) + spare;
    const targets = [];
    for (let i = 0; i < count; i++) targets.push(await target('PUT', objectPath(server.kind, scenario, `${phase}-${i}`)));
    return targets;
  };
}

/** Seconds a row runs when rows are given `seconds`. */
const rowSeconds = (scenario, seconds) => seconds * (scenario.secondsFactor ?? 1);

/** Bytes one request of the row moves (the body read or written): MiB/s rows count these. */
const bytesPerRequest = (scenario) => scenario.object?.size ?? scenario.newKeys?.size ?? 0;

module.exports = { SCENARIOS, BUCKET, MiB, bytesPerRequest, rowSeconds, targetsFor };
