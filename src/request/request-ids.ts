import { randomBytes, randomFillSync } from 'node:crypto';

// Random per process, then a counter: unique across restarts and workers without a random draw per request.
const prefix = randomBytes(4).readUInt32BE(0);
let counter = 0;

/** A 16-hex-digit, upper-case id shaped like AWS's x-amz-request-id. */
export function nextRequestId(): string {
  counter = (counter + 1) >>> 0;
  return (prefix.toString(16).padStart(8, '0') + counter.toString(16).padStart(8, '0')).toUpperCase();
}

// Ids drawn in batches: one getrandom call serves many requests.
const pool = Buffer.alloc(16 * 256);
let poolOffset = pool.length;

/** A random W3C trace id (16 bytes, 32 lower-case hex digits), for requests no span names. */
export function newTraceId(): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const id = pool.toString('hex', poolOffset, poolOffset + 16);
  poolOffset += 16;
  return id;
}
