// The script every worker of --workers N > 1 runs (the primary forks it with node:cluster): it
// serves what the primary tells it to, on the port the primary shares, without the start-up
// repairs and the housekeeping, which the primary does once for all.
// A worker is a V8 of its own: it sets the heap growth main.ts sets for one process.
import '../heap-growth';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { serveGateway } from '../server/serve-gateway';
import { exitOnShutdownSignal } from '../server/shutdown-signals';
import { WorkerMetricsSource } from './cluster-metrics';
import { type FailedMessage, type HelloMessage, isStartMessage, type ServingMessage, type StartMessage } from './cluster-messages';

function tell(message: HelloMessage | ServingMessage | FailedMessage, then?: () => void): void {
  if (process.send && process.connected) process.send(message, undefined, {}, () => then?.());
  else then?.();
}

async function serve(start: StartMessage): Promise<void> {
  const serving = await serveGateway(start.config, { recoveryReport: start.recoveryReport }, { metricsSource: (registry) => new WorkerMetricsSource(registry) });
  exitOnShutdownSignal(new Logger('tracegw'), 'finishing in-flight requests', () => serving.close());
  tell({ tracegw: 'serving' });
}

function fail(error: unknown): void {
  // The primary says why, in its own line (one for the whole cluster); without a primary, say it here.
  const reason = error instanceof Error ? error.message : String(error);
  if (!process.connected) process.stderr.write(`tracegw: ${reason}\n`);
  tell({ tracegw: 'failed', reason }, () => process.exit(1));
}

process.on('message', function started(message: unknown) {
  if (!isStartMessage(message)) return;
  process.off('message', started);
  serve(message).catch(fail);
});
tell({ tracegw: 'hello' });
