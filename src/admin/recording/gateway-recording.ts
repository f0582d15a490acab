import { Logger } from '@nestjs/common';
import type { Registry } from 'prom-client';
import { AccessLogWriter } from '../../access-log/access-log-writer';
import type { GatewayConfig } from '../../config/gateway-config';
import type { HistoryWriter } from '../../journal/history/history-writer';
import { type GatewayMetrics, metricsServed, openGatewayMetrics } from '../../metrics/gateway-metrics';
import { StatsdSink } from '../../metrics/statsd-sink';
import type { MetricsSource } from '../../metrics/metrics-source';
import type { MultipartJournal } from '../../multipart/multipart-journal';
import type { ExportCounts } from '../../telemetry/export-health';
import { fanOutSink } from './fan-out-sink';
import type { OperationSink } from './record-operations';

export interface GatewayRecording {
  /** What the one 'close' listener hands every request's row to: the history, and these beside it. */
  readonly sink: OperationSink;
  /** --access-log. */
  readonly accessLog?: AccessLogWriter;
  /** With --admin-port or --metrics-port. */
  readonly metrics?: GatewayMetrics;
  /** After the last request: the access log's last lines and the last StatsD datagram (the history is closed with the journal). */
  close(): Promise<void>;
}

export interface RecordingInputs {
  readonly config: GatewayConfig;
  readonly history: HistoryWriter;
  readonly multipart: MultipartJournal;
  readonly spanCounts?: () => ExportCounts | undefined;
  readonly metricsSource?: (registry: Registry) => MetricsSource;
}

/** Everything that records a request once its response is over, configured once at start-up. */
export function openRecording({ config, history, multipart, spanCounts, metricsSource }: RecordingInputs): GatewayRecording {
  const accessLog = config.accessLog === undefined ? undefined : new AccessLogWriter(config.accessLog, { warn: (line) => new Logger('access-log').warn(line) });
  const metrics = metricsServed(config)
    ? openGatewayMetrics(
        {
          serviceName: config.metrics?.serviceName ?? '',
          history,
          spans: spanCounts ?? (() => undefined),
          multipartUploadsInFlight: () => multipart.uploadsInFlightCount(),
          accessLog,
        },
        metricsSource,
      )
    : undefined;
  const statsdServers = config.metrics?.statsdServers ?? [];
  const statsd = statsdServers.length === 0 ? undefined : new StatsdSink(statsdServers, config.metrics?.serviceName ?? '');
  return {
    sink: fanOutSink([history, ...(metrics ? [metrics.requests] : []), ...(accessLog ? [accessLog] : []), ...(statsd ? [statsd] : [])]),
    accessLog,
    metrics,
    close: async () => {
      await Promise.all([accessLog?.close(), statsd?.close()]);
    },
  };
}
