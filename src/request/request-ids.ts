import { randomBytes, randomFillSync } from 'node:crypto';

// Random per process, then a counter: unique across restarts and workers without a random draw per request.
const prefix = randomBytes(4).readUInt32BE(0);
let counter = 0;

/** A 16-hex-digit, upper-case id shaped like AWS's x-amz-request-id. */
export function nextRequestId(): string {
  counter = (counter + 1) >>> 0;
  return (prefix.toString(16).padStart(8, '0') + counter.toString(16).padStart(8, '0')).toUpperCase();
}

// Ids drawn in batches: one getrandom call serves many requests (and, with tracing on, their spans).
const pool = Buffer.alloc(16 * 256);
let poolOffset = pool.length;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const id = pool.toString('hex', poolOffset, poolOffset + bytes);
  poolOffset += bytes;
  return id;
}

const INVALID_TRACE_ID = '0'.repeat(32);
const INVALID_SPAN_ID = '0'.repeat(16);

/** A random W3C trace id (16 bytes, 32 lower-case hex digits; never the invalid all-zero one). */
export function newTraceId(): string {
  const id = randomHex(16);
  return id === INVALID_TRACE_ID ? newTraceId() : id;
}

/** A random W3C span id (8 bytes, 16 lower-case hex digits; never the invalid all-zero one). */
export function newSpanId(): string {
  const id = randomHex(8);
  return id === INVALID_SPAN_ID ? newSpanId() : id;
}
