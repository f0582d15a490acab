import { readFileSync } from 'node:fs';
import { join } from 'node:path';

let cached: string | undefined;

/**
 * tracegw's version from package.json (one directory up from src/ under ts-jest, and from dist/
 * when built), read once per process: `--version`, the traces' service.version and Sentry's
 * release all ask for it.
 */
export function packageVersion(): string {
  if (cached === undefined) {
    try {
      const pkg: unknown = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
      const version = (pkg as { version?: unknown }).version;
      cached = typeof version === 'string' ? version : 'unknown';
    } catch {
      cached = 'unknown';
    }
  }
  return cached;
}
