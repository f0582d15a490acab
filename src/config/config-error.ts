import type { OptionSpec } from './option-specs';

/** Where a value came from; an error line names the variable that actually supplied it. */
export interface ValueSource {
  readonly origin: 'flag' | 'env' | 'default';
  /** Set when origin is 'env'. */
  readonly envName?: string;
}

/**
 * A configuration the gateway refuses to start with. The message is one line that names the
 * option (flag and variables) so an operator can fix it without reading code; the CLI prints
 * it behind `tracegw: ` and exits 2.
 */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }

  static invalid(spec: OptionSpec, value: string, reason: string, source?: ValueSource): ConfigError {
    const shown = spec.sensitive ? '***' : JSON.stringify(value);
    return new ConfigError(`invalid ${optionName(spec, source)} ${shown}: ${reason}`);
  }

  static missing(spec: OptionSpec, reason: string): ConfigError {
    return new ConfigError(`missing ${optionName(spec)}: ${reason}`);
  }
}

/** `--flag (VAR)`; of several variables, the one that supplied the value, or all of them. */
export function optionName(spec: OptionSpec, source?: ValueSource): string {
  const vars = source?.origin === 'env' && source.envName ? [source.envName] : spec.env;
  return `${spec.long} (${vars.join(' or ')})`;
}
