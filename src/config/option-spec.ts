/**
 * Every command-line option of the gateway is one entry of one table (OPTION_SPECS in option-specs.ts,
 * the lists under options/ by area, in order): the commander program registers its
 * flags from it, the resolver reads flags and environment variables through it, and error lines
 * and help text name options from it, so a flag, its variables and its default cannot drift apart.
 * Names follow VersityGW (cmd/versitygw/main.go, posix.go) and, for tracing, spec/tracing-guide.md.
 */

export type OptionKey =
  | 'port'
  | 'access'
  | 'secret'
  | 'region'
  | 'cert'
  | 'key'
  | 'adminPort'
  | 'debug'
  | 'quiet'
  | 'db'
  | 'workers'
  | 'historyMaxAge'
  | 'historyMaxRows'
  | 'otelEnabled'
  | 'otelEndpoint'
  | 'otelServiceName'
  | 'otelEnvironment'
  | 'otelSampleRate'
  | 'otelUseHttp'
  | 'otelInsecure'
  | 'otelHeaders'
  | 'sentryEnabled'
  | 'sentryDsn'
  | 'dirPerms'
  | 'disableotmp'
  | 'multipartSweep'
  | 'multipartMaxAge'
  | 'multipartSweepInterval'
  | 'disableCopyFileRange'
  | 'versioningDir'
  | 'health'
  | 'readonly'
  | 'accessLog'
  | 'metricsPort'
  | 'metricsServiceName'
  | 'metricsStatsdServers'
  | 'disableSigv2'
  | 'virtualDomain'
  | 'consoleTraceUrl'
  | 'consoleSessionTtl'
  | 'account'
  | 'accessKey'
  | 'sasToken'
  | 'url'
  | 's3Access'
  | 's3Secret'
  | 's3Endpoint'
  | 's3Region'
  | 's3MetaBucket'
  | 's3DisableChecksum'
  | 's3UsePathStyle';

export interface OptionSpec {
  /** Commander's attribute name for the flag (camel case of the long flag); the resolver's key. */
  readonly key: OptionKey;
  /** Commander flag syntax; a value placeholder in `<>` makes it a string option, none a boolean. */
  readonly flags: string;
  readonly long: string;
  /** Read in this order; the first one set (and not empty) wins. */
  readonly env: readonly string[];
  readonly kind: 'string' | 'boolean';
  /** Used when neither flag nor variable is set; parsed exactly like a value the user typed. */
  readonly defaultValue?: string;
  /** Help text for a default that is not a plain value (generated, derived from other options). */
  readonly defaultText?: string;
  readonly description: string;
  /** `global` options come before the backend command, a backend's (`posix`, `azure`, `s3`) after it, as in VersityGW. */
  readonly scope: 'global' | 'posix' | 'azure' | 's3';
  /** Never echoed in error lines: they end up in logs. */
  readonly sensitive?: boolean;
}
