import { randomBytes } from 'node:crypto';
import { invalidArgument } from '../../../s3/errors/s3-error';
import { NULL_VERSION } from './version-layout';

/** Crockford's base32, as ULIDs are written (VersityGW's version ids are github.com/oklog/ulid). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;

let lastTime = -1;
let lastRandom: number[] = [];

/** Random part as 16 base32 digits; within one millisecond the previous one plus one, so ids of one process sort in the order they were made. */
function randomDigits(time: number): number[] {
  if (time === lastTime) {
    const next = [...lastRandom];
    for (let i = next.length - 1; i >= 0; i--) {
      if (next[i] < 31) {
        next[i]++;
        break;
      }
      next[i] = 0;
    }
    return next;
  }
  const bytes = randomBytes(RANDOM_CHARS);
  return [...bytes].map((b) => b & 31);
}

/** A new ULID: 48 bits of milliseconds, then 80 random bits; lexical order is time order. */
export function newVersionId(now = Date.now()): string {
  const time = Math.max(now, lastTime);
  const random = randomDigits(time);
  lastTime = time;
  lastRandom = random;
  let timeText = '';
  let rest = time;
  for (let i = 0; i < TIME_CHARS; i++) {
    timeText = ALPHABET[rest % 32] + timeText;
    rest = Math.floor(rest / 32);
  }
  return timeText + random.map((d) => ALPHABET[d]).join('');
}

/** The milliseconds a ULID was made at. */
export function versionIdTime(id: string): number {
  let time = 0;
  for (let i = 0; i < TIME_CHARS; i++) time = time * 32 + ALPHABET.indexOf(id[i]);
  return time;
}

/** A version id a client sent: `null` or a ULID, else InvalidArgument as VersityGW and AWS answer it. */
export function checkVersionId(id: string): string {
  if (id === NULL_VERSION || ULID.test(id)) return id;
  throw invalidArgument('Invalid version id specified', 'versionId', id);
}
