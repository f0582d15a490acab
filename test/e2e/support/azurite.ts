import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import type { AzureBackendConfig } from '../../../src/config/gateway-config';

/** Azurite's blob service alone, from the pinned devDependency. */
const AZURITE_BLOB = join(__dirname, '..', '..', '..', 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');

/** Azurite's one account and its published key (Azurite's README: the well-known development credentials). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

const LISTENING = /successfully listens on (http:\/\/127\.0\.0\.1:(\d+))/;

export interface RunningAzurite {
  /** The account's blob service URL, as --url takes it. */
  serviceUrl: string;
  port: number;
  /** The backend configuration that reaches it with the account key. */
  backend: AzureBackendConfig;
  process: ChildProcess;
  /** A client of Azurite itself, to look at what the gateway stored (or to bench against it directly). */
  service(): BlobServiceClient;
  stop(): Promise<void>;
}

/**
 * A real Azurite blob service on an ephemeral loopback port over a fresh temp dir, in its own
 * process: what the azure backend talks to in the tests, as it would to Azure.
 */
export async function startAzurite(): Promise<RunningAzurite> {
  const location = await mkdtemp(join(tmpdir(), 'tracegw-azurite-'));
  const child = spawn(
    process.execPath,
    [AZURITE_BLOB, '--blobHost', '127.0.0.1', '--blobPort', '0', '--location', location, '--silent', '--disableTelemetry', '--loose', '--skipApiVersionCheck'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`azurite did not start within 20 s: ${output}`)), 20_000);
    const onData = (data: Buffer): void => {
      output += data.toString();
      const match = LISTENING.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[2]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`azurite exited with ${code}: ${output}`));
    });
  });
  const serviceUrl = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}/`;
  return {
    serviceUrl,
    port,
    backend: { type: 'azure', serviceUrl, account: AZURITE_ACCOUNT, accountKey: AZURITE_KEY },
    process: child,
    service: () => new BlobServiceClient(serviceUrl, new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY)),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(location, { recursive: true, force: true });
    },
  };
}
