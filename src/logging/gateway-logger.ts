import { ConsoleLogger, LogLevel } from '@nestjs/common';

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
