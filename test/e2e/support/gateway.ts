import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { Client as MinioClient } from 'minio';
import { createApp, GatewayApp, type GatewayHooks } from '../../../src/app.factory';
import type { GatewayConfig } from '../../../src/config/gateway-config';
import { testConfig, TEST_ROOT_ACCESS, TEST_ROOT_SECRET } from './test-config';

export interface Credentials {
  access: string;
  secret: string;
}

/** A real gateway on 127.0.0.1 with an ephemeral port over a fresh temp dir. */
export interface RunningGateway {
  endpoint: string;
  port: number;
  /** The posix root: buckets are its directories. */
  root: string;
  gateway: GatewayApp;
  rootCredentials: Credentials;
  /** @aws-sdk/client-s3 with its default checksum settings (aws-chunked trailers on uploads). */
  s3(credentials?: Credentials): S3Client;
  minio(credentials?: Credentials): MinioClient;
  stop(): Promise<void>;
}

/**
 * `hooks`: what a test plugs into the gateway besides its configuration, as a crash test's entry
 * does for a child (test/e2e/support/pausing-gateway.js), e.g. the stand-in block mover for the
 * scoutfs backend. The gateway's own entry plugs in none.
 */
export async function startGateway(overrides: (root: string) => Partial<GatewayConfig> = () => ({}), hooks: GatewayHooks = {}): Promise<RunningGateway> {
  const root = await mkdtemp(join(tmpdir(), 'tracegw-e2e-'));
  const gateway = await createApp(testConfig(root, overrides(root)), undefined, hooks);
  await gateway.app.listen(0, '127.0.0.1');
  const { port } = gateway.app.getHttpServer().address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const rootCredentials = { access: TEST_ROOT_ACCESS, secret: TEST_ROOT_SECRET };
  const clients: S3Client[] = [];
  return {
    endpoint,
    port,
    root,
    gateway,
    rootCredentials: rootCredentials,
    s3(credentials = rootCredentials) {
      const client = new S3Client({
        endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: { accessKeyId: credentials.access, secretAccessKey: credentials.secret },
      });
      clients.push(client);
      return client;
    },
    minio(credentials = rootCredentials) {
      return new MinioClient({
        endPoint: '127.0.0.1',
        port,
        useSSL: false,
        accessKey: credentials.access,
        secretKey: credentials.secret,
        pathStyle: true,
        region: 'us-east-1',
      });
    },
    async stop() {
      for (const client of clients) client.destroy();
      await gateway.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}
