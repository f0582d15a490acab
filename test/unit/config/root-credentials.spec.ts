import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, generateRootCredentials, loadOrCreateRootCredentials, resolveGatewayConfig } from '../../../src/config';
import { useTempDir } from './fixtures';

describe('root credentials', () => {
  const tmp = useTempDir();
  const start = (env: Record<string, string> = {}) => resolveGatewayConfig({ flags: {}, env, dir: 'data', cwd: tmp() });
  const credentialsFile = () => join(tmp(), 'data', '.tracegw', 'root-credentials.json');

  it('generates AWS-shaped keys', () => {
    const { access, secret } = generateRootCredentials();
    expect(access).toMatch(/^[A-Z0-9]{20}$/);
    expect(secret).toMatch(/^[A-Za-z0-9+/]{40}$/);
    expect(generateRootCredentials().access).not.toBe(access);
  });

  it('draws access characters without modulo bias (bytes >= 252 are redrawn)', () => {
    let call = 0;
    const random = (size: number) => Buffer.alloc(size, call++ === 0 ? 255 : 0);
    expect(generateRootCredentials(random).access).toBe('A'.repeat(20));
  });

  it('generates them at the first start, keeps them 0600 in <DIR>/.tracegw and says so', () => {
    const first = start();
    expect(first.notes.generatedRootCredentials).toBe(true);
    expect(statSync(credentialsFile()).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(credentialsFile(), 'utf8'));
    expect(stored).toMatchObject({ access: first.config.access, secret: first.config.secret });
  });

  it('reuses them on restart, without announcing them again', () => {
    const first = start();
    const second = start();
    expect(second.notes.generatedRootCredentials).toBe(false);
    expect(second.config).toMatchObject({ access: first.config.access, secret: first.config.secret });
  });

  it('neither reads nor writes the file when keys are given', () => {
    const given = start({ ROOT_ACCESS_KEY: 'given', ROOT_SECRET_KEY: 'given-secret' });
    expect(given.notes.generatedRootCredentials).toBe(false);
    expect(() => statSync(credentialsFile())).toThrow();
    start();
    expect(start({ ROOT_ACCESS_KEY: 'given', ROOT_SECRET_KEY: 'given-secret' }).config.access).toBe('given');
  });

  it('names a damaged file instead of replacing it', () => {
    mkdirSync(join(tmp(), 'data', '.tracegw'), { recursive: true });
    writeFileSync(credentialsFile(), '{"access": "A"}');
    expect(() => start()).toThrow(
      new ConfigError(
        `invalid root credentials file "${credentialsFile()}": "access" and "secret" must be non-empty strings; fix or delete it, or give --access and --secret`,
      ),
    );
  });

  it('leaves no temporary file behind', () => {
    const stateDir = join(tmp(), 'state');
    loadOrCreateRootCredentials(stateDir);
    expect(readdirSync(stateDir)).toEqual(['root-credentials.json']);
  });
});
