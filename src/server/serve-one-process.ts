import { Logger } from '@nestjs/common';
import type { GatewayHooks } from '../app.factory';
import type { ConfigNotes, GatewayConfig } from '../config/gateway-config';
import { serveGateway } from './serve-gateway';
import { exitOnShutdownSignal } from './shutdown-signals';
import { announceListeners, printGeneratedCredentials } from './startup-lines';

/** --workers 1: this process serves, repairs at start-up and does the housekeeping; no cluster. */
export async function serveInOneProcess(config: GatewayConfig, notes: ConfigNotes, hooks: GatewayHooks = {}): Promise<void> {
  const serving = await serveGateway(config, undefined, hooks);
  const logger = new Logger('tracegw');
  announceListeners(logger, config);
  if (notes.generatedRootCredentials) printGeneratedCredentials(config);
  exitOnShutdownSignal(logger, 'finishing in-flight requests', () => serving.close());
}
