import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { listenAdminPort } from './admin/admin-listener';
import { createApp, type GatewayHooks } from './app.factory';
import { runCli } from './cli';
import { registerAdminCommands } from './cli/admin/admin-command';
import type { ConfigNotes, GatewayConfig } from './config';
import { listenHost } from './config/gateway-config';
import { startTelemetry } from './telemetry/telemetry';

/** `:port` means every interface; '::' accepts IPv4 too on dual-stack hosts. */

async function serve(config: GatewayConfig, notes: ConfigNotes, hooks: GatewayHooks): Promise<void> {
  // Tracing and Sentry before Nest: every span of every request goes through the SDK registered here.
  const telemetry = await startTelemetry(config);
  const gateway = await createApp(config, hooks).catch(async (error: unknown) => {
    await telemetry.shutdown();
    throw error;
  });
  const host = listenHost(config.port);
  await gateway.app.listen(config.port.port, host);
  const logger = new Logger('tracegw');
  const scheme = config.tls ? 'https' : 'http';
  logger.log(`S3 gateway on ${scheme}://${formatHost(host)}:${config.port.port}, posix backend at ${config.backend.root}`);
  logger.log(`journal: ${config.db}`);
  const admin = config.adminPort && (await listenAdminPort(gateway.app.getHttpAdapter().getInstance(), config.adminPort, gateway.https));
  if (admin) logger.log(`admin API also on ${scheme}://${formatHost(admin.address.address)}:${admin.address.port}`);
  if (notes.generatedRootCredentials) {
    // Printed once, at the start that created them; they are kept under the root's .tracegw/.
    process.stdout.write(`\nRoot credentials (generated, kept for later starts):\n  access key: ${config.access}\n  secret key: ${config.secret}\n\n`);
  }
  const stop = (signal: string) => {
    logger.log(`${signal}: finishing in-flight requests`);
    // Spans of the last requests are flushed after the last request has finished; the admin
    // port closes first, so that its last requests are journaled too.
    Promise.resolve(admin && admin.close())
      .then(() => gateway.close())
      .then(() => telemetry.shutdown())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(`shutdown failed: ${String(error)}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Runs the tracegw command line: bin/tracegw.js with no hooks, a crash test's entry
 * (test/e2e/support/pausing-gateway.js) with its pause points.
 */
export function main(argv: readonly string[], hooks: GatewayHooks = {}): void {
  const startGateway = (config: GatewayConfig, notes: ConfigNotes) => serve(config, notes, hooks);
  runCli(argv, { startGateway }, { commands: [registerAdminCommands] }).catch((error: unknown) => {
    // Start-up failures (journal, native addon, port in use) end in one line naming the cause.
    process.stderr.write(`tracegw: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

// `node dist/main.js …` as the end-to-end tests run it; bin/tracegw.js calls main itself.
if (require.main === module) main(process.argv.slice(2));
