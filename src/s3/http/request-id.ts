import { randomBytes } from 'node:crypto';

// Random per process, then a counter: unique across restarts and workers without a random draw per request.
const prefix = randomBytes(4).readUInt32BE(0);
let counter = 0;

/** A 16-hex-digit, upper-case id shaped like AWS's x-amz-request-id. */
export function nextRequestId(): string {
  counter = (counter + 1) >>> 0;
  return (prefix.toString(16).padStart(8, '0') + counter.toString(16).padStart(8, '0')).toUpperCase();
}
