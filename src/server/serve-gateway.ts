import { listenAdminPort } from '../admin/admin-listener';
import { createApp, type GatewayHooks } from '../app.factory';
import { listenHost, type GatewayConfig } from '../config/gateway-config';
import type { ClusterWorkerRole } from '../gateway-services';
import type { AccessLogWriter } from '../access-log/access-log-writer';
import { listenMetricsPort } from './metrics-listener';
import { startTelemetry } from '../telemetry/telemetry';

export interface ServingGateway {
  /**
   * Stops accepting, lets the requests in flight finish, writes the last history rows, closes
   * the journal, then flushes the spans: the admin port closes first, so that its last
   * requests are journaled too.
   */
  close(): Promise<void>;
}

/**
 * Telemetry, the app, then the S3 port and the admin port (when configured) listening: what one
 * process serves, alone (--workers 1) or as one of the cluster's workers (`worker` set).
 */
export async function serveGateway(config: GatewayConfig, worker?: ClusterWorkerRole, hooks: GatewayHooks = {}): Promise<ServingGateway> {
  // Tracing and Sentry before Nest: every span of every request goes through the SDK registered here.
  const telemetry = await startTelemetry(config);
  const spanCounts = () => telemetry.tracing?.health.snapshot();
  const gateway = await createApp(config, worker, { spanCounts, ...hooks }).catch(async (error: unknown) => {
    await telemetry.shutdown();
    throw error;
  });
  await gateway.app.listen(config.port.port, listenHost(config.port));
  const admin = config.adminPort && (await listenAdminPort(gateway.app.getHttpAdapter().getInstance(), config.adminPort, gateway.https, gateway.metrics?.source, gateway.console));
  // In a cluster the primary serves --metrics-port, summed over the workers.
  const metricsPort = !worker && config.metrics?.port && gateway.metrics ? await listenMetricsPort(config.metrics.port, gateway.metrics.source) : undefined;
  const reopenAccessLog = gateway.accessLog && reopenOnHangUp(gateway.accessLog);
  return {
    async close() {
      // The probe says 503 from the first moment: the balancer looks elsewhere while this drains.
      gateway.health?.drain();
      if (reopenAccessLog) process.off('SIGHUP', reopenAccessLog);
      await metricsPort?.close();
      await admin?.close();
      await gateway.close();
      await telemetry.shutdown();
    },
  };
}

/**
 * logrotate's usual `postrotate kill -HUP`: the access log starts a new file. Listening to SIGHUP
 * also means a closed terminal no longer ends the gateway, as it does without --access-log.
 */
function reopenOnHangUp(accessLog: AccessLogWriter): () => void {
  const reopen = (): void => accessLog.reopen();
  process.on('SIGHUP', reopen);
  return reopen;
}
