// First: libuv sizes its thread pool from this variable when the pool first starts.
import './thread-pool-size';
import 'reflect-metadata';
import { runCli } from './cli';
import { registerAdminCommands } from './cli/admin/admin-command';
import type { ConfigNotes, GatewayConfig } from './config';
import { runClusterPrimary } from './cluster/cluster-primary';
import { serveInOneProcess } from './server/serve-one-process';

/** --workers 1 serves from this process as it always did; more makes it a cluster's primary. */
function startGateway(config: GatewayConfig, notes: ConfigNotes): Promise<void> {
  return (config.workers ?? 1) > 1 ? runClusterPrimary(config, notes) : serveInOneProcess(config, notes);
}

runCli(process.argv.slice(2), { startGateway }, { commands: [registerAdminCommands] }).catch((error: unknown) => {
  // Start-up failures (journal, native addon, port in use) end in one line naming the cause.
  process.stderr.write(`tracegw: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
