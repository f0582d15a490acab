// First: libuv sizes its thread pool from this variable when the pool first starts.
import './thread-pool-size';
// Before the gateway allocates: how far the old generation grows between full GCs (resident memory).
import './heap-growth';
import 'reflect-metadata';
import type { GatewayHooks } from './app.factory';
import { runCli } from './cli';
import { registerAdminCommands } from './cli/admin/admin-command';
import type { ConfigNotes, GatewayConfig } from './config';
import { runClusterPrimary } from './cluster/cluster-primary';
import { serveInOneProcess } from './server/serve-one-process';

/** --workers 1 serves from this process as it always did; more makes it a cluster's primary. */
function startGateway(config: GatewayConfig, notes: ConfigNotes, hooks: GatewayHooks): Promise<void> {
  return (config.workers ?? 1) > 1 ? runClusterPrimary(config, notes) : serveInOneProcess(config, notes, hooks);
}

/**
 * Runs the tracegw command line: bin/tracegw.js with no hooks, a crash test's entry
 * (test/e2e/support/pausing-gateway.js) with its pause points. A cluster's workers run their own
 * script (cluster/cluster-worker.js): hooks reach the gateway with --workers 1 only.
 */
export function main(argv: readonly string[], hooks: GatewayHooks = {}): void {
  runCli(argv, { startGateway: (config, notes) => startGateway(config, notes, hooks) }, { commands: [registerAdminCommands] }).catch((error: unknown) => {
    // Start-up failures (journal, native addon, port in use) end in one line naming the cause.
    process.stderr.write(`tracegw: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

// `node dist/main.js …` as the end-to-end tests run it; bin/tracegw.js calls main itself.
if (require.main === module) main(process.argv.slice(2));
