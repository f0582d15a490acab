import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { runCli } from './cli';
import type { ConfigNotes, GatewayConfig } from './config';

/** `:port` means every interface; '::' accepts IPv4 too on dual-stack hosts. */
const ANY_HOST = '::';

async function serve(config: GatewayConfig, notes: ConfigNotes): Promise<void> {
  const gateway = await createApp(config);
  const host = config.port.host ?? ANY_HOST;
  await gateway.app.listen(config.port.port, host);
  const logger = new Logger('tracegw');
  const scheme = config.tls ? 'https' : 'http';
  logger.log(`S3 gateway on ${scheme}://${host.includes(':') ? `[${host}]` : host}:${config.port.port}, posix backend at ${config.backend.root}`);
  logger.log(`journal: ${config.db}`);
  if (notes.generatedRootCredentials) {
    // Printed once, at the start that created them; they are kept under the root's .tracegw/.
    process.stdout.write(`\nRoot credentials (generated, kept for later starts):\n  access key: ${config.access}\n  secret key: ${config.secret}\n\n`);
  }
  const stop = (signal: string) => {
    logger.log(`${signal}: finishing in-flight requests`);
    gateway.close().then(
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

runCli(process.argv.slice(2), { startGateway: serve }).catch((error: unknown) => {
  // Start-up failures (journal, native addon, port in use) end in one line naming the cause.
  process.stderr.write(`tracegw: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
