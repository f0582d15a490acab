/** Slots of the cache below: a power of two, so a second picks its slot with a mask. */
const SLOTS = 64;
const seconds = new Float64Array(SLOTS).fill(-1);
const formatted = new Array<string>(SLOTS).fill('');

/**
 * A time as an HTTP-date (`Tue, 03 Dec 2026 17:50:00 GMT`, what Date.toUTCString writes), for
 * Last-Modified. The string is remembered by the second it names, in a small direct-mapped cache:
 * formatting a date goes through V8's printf-style date code, which a small GET pays on every
 * request for an object whose time does not change.
 */
export function formatHttpDate(date: Date): string {
  const time = date.getTime();
  const second = Math.floor(time / 1000);
  const slot = second & (SLOTS - 1);
  if (seconds[slot] !== second) {
    seconds[slot] = second;
    formatted[slot] = date.toUTCString();
  }
  return formatted[slot];
}
