import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { JournalError } from './journal.error';

/**
 * Finds `migrations/` at the repository (or installed package) root by walking up from this
 * file: that works from src/journal under ts-jest, from dist/journal after the build, and from
 * any other output layout, without knowing how deep the compiled file sits.
 */
export function resolveMigrationsDir(startDir: string = __dirname): string {
  let dir = startDir;
  for (;;) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(dir, 'package.json')) && existsSync(candidate) && statSync(candidate).isDirectory()) {
      return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new JournalError(`cannot find the migrations directory: no migrations/ beside a package.json above ${startDir}`);
    }
    dir = parent;
  }
}
