import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import type { ConfigNotes, GatewayConfig } from '../config/gateway-config';
import { openGatewayServices } from '../gateway-services';
import { gatewayLogger } from '../logging/gateway-logger';
import { exitOnShutdownSignal } from '../server/shutdown-signals';
import { announceListeners, printGeneratedCredentials } from '../server/startup-lines';
import { metricsServed } from '../metrics/gateway-metrics';
import type { ExtraListener } from '../server/listen-server';
import { listenMetricsPort } from '../server/metrics-listener';
import { PrimaryMetricsSource } from './cluster-metrics';
import { WorkerSupervisor } from './worker-supervisor';

/** Compiled next to this file (dist/cluster/). */
const WORKER_SCRIPT = join(__dirname, 'cluster-worker.js');

/**
 * --workers N > 1: this process serves no request. It opens the journal (migrating it) and the
 * storage, does the start-up repairs (stale temporary files, multipart recovery) once, before any
 * worker exists, then forks the workers onto the shared port and keeps the housekeeping (the
 * abandoned-upload sweep, history pruning) for all of them. The configuration it resolved,
 * root credentials included, is what every worker serves: generated once, here.
 */
export async function runClusterPrimary(config: GatewayConfig, notes: ConfigNotes): Promise<void> {
  // No Nest app here to set the logger up: the same levels (--quiet, --debug) by hand.
  Logger.overrideLogger(gatewayLogger(config));
  const logger = new Logger('tracegw');
  const count = config.workers ?? 1;
  const services = await openGatewayServices(config);
  const recoveryReport = services.multipart.recoveryReports.last();
  const supervisor = new WorkerSupervisor({
    count,
    exec: WORKER_SCRIPT,
    startMessage: (index) => ({ tracegw: 'start', index, config, recoveryReport }),
    log: new Logger('cluster'),
  });
  // The workers' /metrics (on --admin-port) and --metrics-port (here) see the whole node.
  const metrics = metricsServed(config) ? new PrimaryMetricsSource(() => supervisor.servingWorkers()) : undefined;
  let metricsPort: ExtraListener | undefined;
  try {
    await supervisor.start();
    if (metrics && config.metrics?.port) metricsPort = await listenMetricsPort(config.metrics.port, metrics);
  } catch (error) {
    await supervisor.stop();
    await services.close();
    throw error;
  }
  announceListeners(logger, config, `${count} workers (pids ${supervisor.pids().join(', ')})`);
  // logrotate signals the pid it knows, the primary's; the workers hold the access log open.
  if (config.accessLog !== undefined) process.on('SIGHUP', () => supervisor.signal('SIGHUP'));
  if (notes.generatedRootCredentials) printGeneratedCredentials(config);
  exitOnShutdownSignal(logger, `draining ${count} workers`, async () => {
    await metricsPort?.close();
    const clean = await supervisor.stop();
    await services.close();
    if (!clean) throw new Error('a worker did not drain cleanly');
  });
}
