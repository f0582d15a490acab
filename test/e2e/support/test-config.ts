import { join } from 'node:path';
import type { GatewayConfig } from '../../../src/config/gateway-config';

export const TEST_ROOT_ACCESS = 'TESTROOTACCESSKEY000';
export const TEST_ROOT_SECRET = 'testRootSecretKey0000000000000000000000000';

/** A complete configuration for a gateway on a temp dir, loopback only, tracing off. */
export function testConfig(root: string, overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  return {
    port: { host: '127.0.0.1', port: 0 },
    access: TEST_ROOT_ACCESS,
    secret: TEST_ROOT_SECRET,
    region: 'us-east-1',
    tls: undefined,
    debug: false,
    quiet: true,
    db: join(root, '.tracegw', 'journal.db'),
    adminPort: undefined,
    otel: {
      enabled: false,
      endpoint: 'localhost:4317',
      serviceName: 'tracegw-test',
      environment: 'test',
      sampleRate: 1,
      useHttp: false,
      insecure: true,
      headers: {},
    },
    sentry: { enabled: false, dsn: undefined },
    backend: { type: 'posix', root, dirPerms: 0o755, disableOtmp: false },
    ...overrides,
  };
}
