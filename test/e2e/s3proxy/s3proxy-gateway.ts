import { CreateBucketCommand } from '@aws-sdk/client-s3';
import type { GatewayConfig, S3ProxyBackendConfig } from '../../../src/config/gateway-config';
import { type RunningGateway, startGateway } from '../support/gateway';

/** The upstream bucket the proxy keeps its buckets' owners, ACLs, policies and CORS in. */
export const META_BUCKET = 'tracegw-meta';

export interface ProxiedGateway {
  /** The tracegw posix the proxy forwards to. */
  upstream: RunningGateway;
  /** The tracegw s3 the tests talk to. */
  proxy: RunningGateway;
  stop(): Promise<void>;
}

export interface ProxyOptions {
  /** Config of the proxy beyond its backend (tracing, say). */
  proxy?: (root: string) => Partial<GatewayConfig>;
  upstream?: (root: string) => Partial<GatewayConfig>;
  /** False: no meta bucket (every bucket the root account's, access settings NotImplemented). */
  metaBucket?: boolean;
}

/** A tracegw s3 in front of a tracegw posix, both in-process on 127.0.0.1, the proxy with the upstream's root credentials. */
export async function startProxiedGateway(options: ProxyOptions = {}): Promise<ProxiedGateway> {
  const upstream = await startGateway(options.upstream);
  try {
    const withMeta = options.metaBucket ?? true;
    if (withMeta) await upstream.s3().send(new CreateBucketCommand({ Bucket: META_BUCKET }));
    const backend: S3ProxyBackendConfig = {
      type: 's3proxy',
      endpoint: upstream.endpoint,
      access: upstream.rootCredentials.access,
      secret: upstream.rootCredentials.secret,
      region: 'us-east-1',
      usePathStyle: true,
      disableChecksum: false,
      ...(withMeta ? { metaBucket: META_BUCKET } : {}),
    };
    const proxy = await startGateway((root) => ({ backend, ...options.proxy?.(root) }));
    return {
      upstream,
      proxy,
      async stop() {
        await proxy.stop();
        await upstream.stop();
      },
    };
  } catch (error) {
    await upstream.stop();
    throw error;
  }
}
