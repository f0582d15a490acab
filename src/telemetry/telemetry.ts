import { Logger } from '@nestjs/common';
import type { GatewayConfig } from '../config/gateway-config';
import { startErrorReporting } from './error-reporting';
import { packageVersion } from '../package-version';
import { DEFAULT_TRACING_OPTIONS, startTracing, type Tracing, type TracingOptions } from './tracing-sdk';

export interface Telemetry {
  /** Undefined when --otel-enabled is off: then no SDK is registered at all. */
  readonly tracing: Tracing | undefined;
  /** Exports the spans finished so far (tests, and shutdown). */
  flush(): Promise<void>;
  /** Flushes spans and Sentry events, bounded in time, and unregisters everything. */
  shutdown(): Promise<void>;
}

/** How long shutdown waits for Sentry to send what it queued. */
const SENTRY_CLOSE_MS = 2000;

/** OpenTelemetry's standard batch variables, honoured over tracegw's defaults when set. */
const BATCH_VARIABLES = {
  maxQueueSize: 'OTEL_BSP_MAX_QUEUE_SIZE',
  maxExportBatchSize: 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE',
  scheduledDelayMs: 'OTEL_BSP_SCHEDULE_DELAY',
  exportTimeoutMs: 'OTEL_BSP_EXPORT_TIMEOUT',
} as const;

function batchOptionsFromEnv(env: NodeJS.ProcessEnv): Partial<TracingOptions> {
  const options: Partial<TracingOptions> = {};
  for (const [option, variable] of Object.entries(BATCH_VARIABLES) as Array<[keyof typeof BATCH_VARIABLES, string]>) {
    const value = Number(env[variable]);
    if (env[variable] && Number.isInteger(value) && value > 0) options[option] = value;
  }
  return options;
}

/**
 * Starts tracing and error reporting as configured, before the app exists (main.ts calls it
 * first). Sentry comes first so that OpenTelemetry is registered once, by us.
 */
export async function startTelemetry(config: GatewayConfig, overrides: Partial<TracingOptions> = {}): Promise<Telemetry> {
  const logger = new Logger('Tracing');
  const reporter = await startErrorReporting(config.sentry, { environment: config.otel.environment, version: packageVersion() });
  let tracing: Tracing | undefined;
  try {
    if (config.otel.enabled) {
      tracing = await startTracing(config.otel, {
        ...DEFAULT_TRACING_OPTIONS,
        ...batchOptionsFromEnv(process.env),
        log: (line) => logger.debug(line),
        ...overrides,
      });
    }
  } catch (error) {
    await reporter?.close(0);
    throw error;
  }
  return {
    tracing,
    flush: async () => tracing?.flush(),
    async shutdown() {
      await tracing?.shutdown();
      await reporter?.close(SENTRY_CLOSE_MS);
    },
  };
}
