import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './config-error';
import { ROOT_CREDENTIALS_FILE_NAME } from './gateway-config';

export interface RootCredentials {
  readonly access: string;
  readonly secret: string;
}

export interface StoredRootCredentials {
  readonly credentials: RootCredentials;
  /** True when this call created them. */
  readonly generated: boolean;
}

const ACCESS_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
// The largest multiple of 36 that fits in a byte: bytes at or above it are redrawn, so every
// character is equally likely (a plain `% 36` would favour the first 4).
const UNBIASED_LIMIT = 252;

/** AWS-shaped keys: a 20-character access key (A-Z, 0-9) and a 40-character base64 secret. */
export function generateRootCredentials(random: (size: number) => Buffer = randomBytes): RootCredentials {
  let access = '';
  while (access.length < 20) {
    for (const byte of random(32)) {
      if (byte < UNBIASED_LIMIT && access.length < 20) access += ACCESS_ALPHABET[byte % 36];
    }
  }
  // 30 bytes are exactly 40 base64 characters, without padding.
  return { access, secret: random(30).toString('base64') };
}

/**
 * The root credentials kept in `stateDir`, created on first use. A restart reuses them, so
 * clients configured at the first start keep working without the operator passing keys around.
 */
export function loadOrCreateRootCredentials(stateDir: string): StoredRootCredentials {
  const file = join(stateDir, ROOT_CREDENTIALS_FILE_NAME);
  const existing = readStored(file);
  if (existing) return { credentials: existing, generated: false };

  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const credentials = generateRootCredentials();
  const body = `${JSON.stringify({ ...credentials, created: new Date().toISOString() }, null, 2)}\n`;
  // Written whole under a private name, then linked into place: link fails if the name exists,
  // so of two gateways starting together over a shared file system exactly one wins, and
  // neither can read a half-written file.
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(temp, body, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const winner = readStored(file);
    if (winner) return { credentials: winner, generated: false };
    throw err;
  } finally {
    unlinkSync(temp);
  }
  return { credentials, generated: true };
}

function readStored(file: string): RootCredentials | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigError(`cannot read root credentials file "${file}": ${(err as Error).message}`);
  }
  const broken = (why: string): ConfigError =>
    new ConfigError(`invalid root credentials file "${file}": ${why}; fix or delete it, or give --access and --secret`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw broken('not JSON');
  }
  if (typeof data !== 'object' || data === null) throw broken('not a JSON object');
  const { access, secret } = data as Record<string, unknown>;
  if (typeof access !== 'string' || access === '' || typeof secret !== 'string' || secret === '') {
    throw broken('"access" and "secret" must be non-empty strings');
  }
  return { access, secret };
}
