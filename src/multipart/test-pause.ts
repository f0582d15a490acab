/**
 * A test hook, never set in production: with TRACEGW_TEST_PAUSE_AT=<point> in its environment the
 * gateway stops for good when a request reaches that point, after printing
 * `tracegw test pause: <point>` on stderr, so a test can kill -9 it at exactly that moment of a
 * CompleteMultipartUpload. Points: `complete:assembled` (object assembled in its temporary file),
 * `complete:marked` (marker set, not yet renamed), `complete:published` (renamed into place,
 * completion not yet journaled). Read once at load: unset, each point costs one comparison.
 */
const PAUSE_AT = process.env.TRACEGW_TEST_PAUSE_AT;

export type PausePoint = 'complete:assembled' | 'complete:marked' | 'complete:published' | 'removal:started';

export function pauseAt(point: PausePoint): Promise<void> {
  if (PAUSE_AT !== point) return Promise.resolve();
  process.stderr.write(`tracegw test pause: ${point}\n`);
  return new Promise<void>(() => undefined);
}
