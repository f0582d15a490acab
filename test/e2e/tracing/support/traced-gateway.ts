import type { OtlpReceiver, ReceivedSpan } from '../../support/otlp-receiver';
import type { RawResponse } from '../../support/signed-request';
import { traceSpans } from './span-tree';
import type { GatewayHooks } from '../../../../src/app.factory';
import type { GatewayConfig, OtelConfig } from '../../../../src/config/gateway-config';
import { startTelemetry, type Telemetry } from '../../../../src/telemetry/telemetry';
import type { TracingOptions } from '../../../../src/telemetry/tracing-sdk';
import { type RunningGateway, startGateway } from '../../support/gateway';
import { testConfig } from '../../support/test-config';

export interface TracedGateway {
  gateway: RunningGateway;
  telemetry: Telemetry;
  config: GatewayConfig;
  stop(): Promise<void>;
}

/**
 * The in-process gateway with tracing started as main.ts starts it (same function, same SDK, the
 * real exporter), pointed at `otel.endpoint`; `hooks` as startGateway takes them.
 */
export async function startTracedGateway(
  otel: Partial<OtelConfig>,
  tracing: Partial<TracingOptions> = {},
  extra: (root: string) => Partial<GatewayConfig> = () => ({}),
  hooks: GatewayHooks = {},
): Promise<TracedGateway> {
  let config: GatewayConfig | undefined;
  const gateway = await startGateway((root) => {
    const base = testConfig(root);
    config = testConfig(root, { ...extra(root), otel: { ...base.otel, enabled: true, insecure: true, ...otel } });
    return config;
  }, hooks);
  if (!config) throw new Error('gateway config was not built');
  const telemetry = await startTelemetry(config, tracing);
  return {
    gateway,
    telemetry,
    config,
    async stop() {
      await gateway.stop();
      await telemetry.shutdown();
    },
  };
}

/** The spans of the response's trace, once `count` of them have reached the collector. */
export async function responseSpans(traced: TracedGateway, receiver: OtlpReceiver, response: RawResponse, count: number): Promise<ReceivedSpan[]> {
  const traceId = response.headers['x-trace-id'];
  if (typeof traceId !== 'string') throw new Error('no X-Trace-ID');
  await traced.telemetry.flush();
  await receiver.waitFor((spans) => traceSpans(spans, traceId).length >= count);
  return traceSpans(receiver.spans, traceId);
}
