import { ConsoleLogger, LogLevel } from '@nestjs/common';
import type { GatewayConfig } from '../config/gateway-config';

/** Nest's own start-up chatter: useful when debugging the wiring, noise for an operator. */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/**
 * Nest's console logger, minus the framework's start-up lines unless --debug: at the default
 * level an operator sees tracegw's own lines (listening address, recovery report, errors).
 */
export class GatewayLogger extends ConsoleLogger {
  constructor(
    levels: LogLevel[],
    private readonly showFramework: boolean,
  ) {
    super('tracegw', { logLevels: levels });
  }

  override log(message: unknown, context?: string): void {
    if (!this.showFramework && context !== undefined && FRAMEWORK_CONTEXTS.has(context)) return;
    super.log(message, context);
  }
}

function logLevels(config: Pick<GatewayConfig, 'debug' | 'quiet'>): LogLevel[] {
  if (config.debug) return ['error', 'warn', 'log', 'debug', 'verbose'];
  if (config.quiet) return ['error', 'warn'];
  return ['error', 'warn', 'log'];
}

/** The logger --debug and --quiet ask for: the app's, and the cluster primary's, which has no app. */
export function gatewayLogger(config: Pick<GatewayConfig, 'debug' | 'quiet'>): GatewayLogger {
  return new GatewayLogger(logLevels(config), config.debug);
}
