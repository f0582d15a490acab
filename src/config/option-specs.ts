/**
 * Every command-line option of the gateway, in one table: the commander program registers its
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
  | 'disableSigv2'
  | 'virtualDomain'
  | 'consoleTraceUrl'
  | 'consoleSessionTtl'
  | 'account'
  | 'accessKey'
  | 'sasToken'
  | 'url';

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
  /** `global` options come before the backend command, a backend's (`posix`, `azure`) after it, as in VersityGW. */
  readonly scope: 'global' | 'posix' | 'azure';
  /** Never echoed in error lines: they end up in logs. */
  readonly sensitive?: boolean;
}

export const OPTION_SPECS: readonly OptionSpec[] = [
  {
    key: 'port',
    flags: '-p, --port <address>',
    long: '--port',
    env: ['VGW_PORT'],
    kind: 'string',
    defaultValue: ':7070',
    description: 'gateway listen address <host>:<port>, :<port> or [<ipv6>]:<port>',
    scope: 'global',
  },
  {
    key: 'access',
    flags: '-a, --access <key>',
    long: '--access',
    env: ['ROOT_ACCESS_KEY_ID', 'ROOT_ACCESS_KEY'],
    kind: 'string',
    defaultText: 'generated once, kept in <DIR>/.tracegw/root-credentials.json',
    description: 'root user access key',
    scope: 'global',
  },
  {
    key: 'secret',
    flags: '-s, --secret <key>',
    long: '--secret',
    env: ['ROOT_SECRET_ACCESS_KEY', 'ROOT_SECRET_KEY'],
    kind: 'string',
    defaultText: 'generated with the access key',
    description: 'root user secret access key',
    scope: 'global',
    sensitive: true,
  },
  {
    key: 'region',
    flags: '-r, --region <region>',
    long: '--region',
    env: ['VGW_REGION'],
    kind: 'string',
    defaultValue: 'us-east-1',
    description: 's3 region string',
    scope: 'global',
  },
  {
    key: 'cert',
    flags: '--cert <file>',
    long: '--cert',
    env: ['VGW_CERT'],
    kind: 'string',
    description: 'TLS cert file (PEM); with --key, serve HTTPS',
    scope: 'global',
  },
  {
    key: 'key',
    flags: '--key <file>',
    long: '--key',
    env: ['VGW_KEY'],
    kind: 'string',
    description: 'TLS key file (PEM); with --cert, serve HTTPS',
    scope: 'global',
  },
  {
    key: 'adminPort',
    flags: '--ap, --admin-port <address>',
    long: '--admin-port',
    env: ['VGW_ADMIN_PORT'],
    kind: 'string',
    defaultText: 'admin API served on --port',
    description: 'separate admin API listen address <host>:<port> or :<port>',
    scope: 'global',
  },
  {
    key: 'debug',
    flags: '--debug',
    long: '--debug',
    env: ['VGW_DEBUG'],
    kind: 'boolean',
    defaultValue: 'false',
    description: 'enable debug output',
    scope: 'global',
  },
  {
    key: 'quiet',
    flags: '-q, --quiet',
    long: '--quiet',
    env: ['VGW_QUIET'],
    kind: 'boolean',
    defaultValue: 'false',
    description: 'silence stdout request logging output',
    scope: 'global',
  },
  {
    key: 'db',
    flags: '--db <file>',
    long: '--db',
    env: ['VGW_DB'],
    kind: 'string',
    defaultText: '<DIR>/.tracegw/journal.db',
    description: 'SQLite journal file (events and operation history)',
    scope: 'global',
  },
  {
    key: 'workers',
    flags: '--workers <count>',
    long: '--workers',
    env: ['VGW_WORKERS'],
    kind: 'string',
    defaultText: 'the number of CPU cores',
    description: 'processes serving the port (node:cluster); 1 serves from this one process',
    scope: 'global',
  },
  {
    key: 'health',
    flags: '--health <path>',
    long: '--health',
    env: ['VGW_HEALTH'],
    kind: 'string',
    defaultText: 'none',
    description: 'health check path on the S3 port (e.g. /health): GET answers 200 without auth while serving, 503 while draining',
    scope: 'global',
  },
  {
    key: 'readonly',
    flags: '--readonly',
    long: '--readonly',
    env: ['VGW_READ_ONLY'],
    kind: 'boolean',
    defaultValue: 'false',
    description: 'allow only read operations across all the gateway (writes answer AccessDenied)',
    scope: 'global',
  },
  {
    key: 'accessLog',
    flags: '--access-log <file>',
    long: '--access-log',
    env: ['VGW_ACCESS_LOG'],
    kind: 'string',
    defaultText: 'none',
    description: 'append one line per request to this file, in the S3 server access log format (reopened on SIGHUP)',
    scope: 'global',
  },
  {
    key: 'metricsPort',
    flags: '--metrics-port <address>',
    long: '--metrics-port',
    env: ['VGW_METRICS_PORT'],
    kind: 'string',
    defaultText: 'none: /metrics only on --admin-port',
    description: 'listen address serving Prometheus metrics at /metrics, <host>:<port> or :<port> (127.0.0.1 if no host)',
    scope: 'global',
  },
  {
    key: 'metricsServiceName',
    flags: '--msn, --metrics-service-name <name>',
    long: '--metrics-service-name',
    env: ['VGW_METRICS_SERVICE_NAME'],
    kind: 'string',
    defaultText: 'the host name',
    description: 'service label on every metric',
    scope: 'global',
  },
  {
    key: 'historyMaxAge',
    flags: '--history-max-age <duration>',
    long: '--history-max-age',
    env: ['VGW_HISTORY_MAX_AGE'],
    kind: 'string',
    defaultValue: '30d',
    description: 'operation history rows older than this are pruned (90m, 12h, 30d; 0: no age limit)',
    scope: 'global',
  },
  {
    key: 'historyMaxRows',
    flags: '--history-max-rows <count>',
    long: '--history-max-rows',
    env: ['VGW_HISTORY_MAX_ROWS'],
    kind: 'string',
    defaultValue: '1000000',
    description: 'operation history keeps at most this many newest rows (0: no row limit)',
    scope: 'global',
  },
  {
    key: 'otelEnabled',
    flags: '--otel-enabled',
    long: '--otel-enabled',
    env: ['VGW_OTEL_ENABLED'],
    kind: 'boolean',
    defaultValue: 'false',
    description: 'Enable OTEL tracing',
    scope: 'global',
  },
  {
    key: 'otelEndpoint',
    flags: '--otel-endpoint <endpoint>',
    long: '--otel-endpoint',
    env: ['VGW_OTEL_ENDPOINT'],
    kind: 'string',
    defaultText: 'localhost:4317 (localhost:4318 with --otel-use-http)',
    description: 'OTLP endpoint, <host>:<port> or a http(s):// URL',
    scope: 'global',
  },
  {
    key: 'otelServiceName',
    flags: '--otel-service-name <name>',
    long: '--otel-service-name',
    env: ['VGW_OTEL_SERVICE_NAME'],
    kind: 'string',
    // The guide's table says `versitygw`, its product's name. Both gateways can serve one tree
    // and report to one tracing backend, so tracegw's traces must be told apart.
    defaultValue: 'tracegw',
    description: 'Service name in traces',
    scope: 'global',
  },
  {
    key: 'otelEnvironment',
    flags: '--otel-environment <name>',
    long: '--otel-environment',
    env: ['VGW_OTEL_ENVIRONMENT'],
    kind: 'string',
    defaultValue: 'development',
    description: 'Environment tag',
    scope: 'global',
  },
  {
    key: 'otelSampleRate',
    flags: '--otel-sample-rate <rate>',
    long: '--otel-sample-rate',
    env: ['VGW_OTEL_SAMPLE_RATE'],
    kind: 'string',
    defaultValue: '1.0',
    description: 'Sampling rate (0.0-1.0)',
    scope: 'global',
  },
  {
    key: 'otelUseHttp',
    flags: '--otel-use-http',
    long: '--otel-use-http',
    env: ['VGW_OTEL_USE_HTTP'],
    kind: 'boolean',
    defaultValue: 'false',
    description: 'Use HTTP instead of gRPC',
    scope: 'global',
  },
  {
    key: 'otelInsecure',
    flags: '--otel-insecure',
    long: '--otel-insecure',
    env: ['VGW_OTEL_INSECURE'],
    kind: 'boolean',
    defaultValue: 'false',
    description: 'Disable TLS',
    scope: 'global',
  },
  {
    key: 'otelHeaders',
    flags: '--otel-headers <headers>',
    long: '--otel-headers',
    env: ['VGW_OTEL_HEADERS'],
    kind: 'string',
    defaultText: 'none',
    description: "headers sent to the OTLP endpoint, 'name=value,name2=value2' (values may be %-encoded)",
    scope: 'global',
    sensitive: true,
  },
  {
    key: 'sentryEnabled',
    flags: '--sentry-enabled',
    long: '--sentry-enabled',
    env: ['VGW_SENTRY_ENABLED'],
    kind: 'boolean',
    defaultValue: 'false',
    description: 'send unexpected errors to Sentry (needs --sentry-dsn)',
    scope: 'global',
  },
  {
    key: 'sentryDsn',
    flags: '--sentry-dsn <dsn>',
    long: '--sentry-dsn',
    env: ['VGW_SENTRY_DSN'],
    kind: 'string',
    description: 'Sentry DSN',
    scope: 'global',
    sensitive: true,
  },
  {
    key: 'dirPerms',
    flags: '--dir-perms <mode>',
    long: '--dir-perms',
    env: ['VGW_DIR_PERMS'],
    kind: 'string',
    defaultValue: '0755',
    description: 'permissions (octal) of directories the gateway creates',
    scope: 'posix',
  },
  {
    key: 'disableotmp',
    flags: '--disableotmp',
    long: '--disableotmp',
    env: ['VGW_DISABLE_OTMP'],
    kind: 'boolean',
    defaultValue: 'false',
    description: 'disable O_TMPFILE support for new objects',
    scope: 'posix',
  },
  {
    key: 'disableCopyFileRange',
    flags: '--disable-copy-file-range',
    long: '--disable-copy-file-range',
    env: ['VGW_DISABLE_COPY_FILE_RANGE'],
    kind: 'boolean',
    defaultValue: 'false',
    description: 'assemble multipart uploads with a user-space copy instead of copy_file_range(2)',
    scope: 'posix',
  },
  {
    key: 'versioningDir',
    flags: '--versioning-dir <dir>',
    long: '--versioning-dir',
    env: ['VGW_VERSIONING_DIR'],
    kind: 'string',
    description: 'directory, outside the root, where older versions of objects of versioned buckets are kept (needed for bucket versioning)',
    scope: 'posix',
  },
  {
    key: 'disableSigv2',
    flags: '--disable-sigv2',
    long: '--disable-sigv2',
    env: ['VGW_DISABLE_SIGV2'],
    kind: 'boolean',
    defaultValue: 'false',
    description: 'refuse AWS Signature Version 2 (header and presigned URLs) as AWS regions opened since 2014 do',
    scope: 'global',
  },
  {
    key: 'virtualDomain',
    flags: '--vd, --virtual-domain <domain>',
    long: '--virtual-domain',
    env: ['VGW_VIRTUAL_DOMAIN'],
    kind: 'string',
    defaultText: 'none: path-style addressing only',
    description: 'enable virtual-hosted-style addressing: <bucket>.<domain> names the bucket (path-style keeps working)',
    scope: 'global',
  },
  {
    key: 'consoleTraceUrl',
    flags: '--console-trace-url <template>',
    long: '--console-trace-url',
    env: ['VGW_CONSOLE_TRACE_URL'],
    kind: 'string',
    defaultText: 'none: trace ids are shown without a link',
    description: 'link of a trace in the tracing UI for the console, with {traceId} (e.g. http://jaeger:16686/trace/{traceId})',
    scope: 'global',
  },
  {
    key: 'consoleSessionTtl',
    flags: '--console-session-ttl <duration>',
    long: '--console-session-ttl',
    env: ['VGW_CONSOLE_SESSION_TTL'],
    kind: 'string',
    defaultValue: '15m',
    description: 'how long a console sign-in lasts before the secret is asked again (30s, 15m, 8h)',
    scope: 'global',
  },
  {
    key: 'multipartSweep',
    flags: '--multipart-sweep',
    long: '--multipart-sweep',
    env: ['VGW_MULTIPART_SWEEP'],
    kind: 'boolean',
    defaultValue: 'false',
    description: 'abort multipart uploads older than --multipart-max-age, at start-up and every --multipart-sweep-interval',
    scope: 'global',
  },
  {
    key: 'multipartMaxAge',
    flags: '--multipart-max-age <duration>',
    long: '--multipart-max-age',
    env: ['VGW_MULTIPART_MAX_AGE'],
    kind: 'string',
    defaultValue: '7d',
    description: 'age (since CreateMultipartUpload) at which the sweep aborts an upload (90m, 12h, 7d)',
    scope: 'global',
  },
  {
    key: 'multipartSweepInterval',
    flags: '--multipart-sweep-interval <duration>',
    long: '--multipart-sweep-interval',
    env: ['VGW_MULTIPART_SWEEP_INTERVAL'],
    kind: 'string',
    defaultValue: '1h',
    description: 'how often the multipart sweep runs (30m, 1h, 1d)',
    scope: 'global',
  },
  // VersityGW's azure subcommand (cmd/internal/gwcli/azure.go): its flags and its AZ_* variables.
  {
    key: 'account',
    flags: '-a, --account <name>',
    long: '--account',
    env: ['AZ_ACCOUNT_NAME'],
    kind: 'string',
    description: 'azure account name',
    scope: 'azure',
  },
  {
    key: 'accessKey',
    flags: '-k, --access-key <key>',
    long: '--access-key',
    env: ['AZ_ACCESS_KEY'],
    kind: 'string',
    description: 'azure account key',
    scope: 'azure',
    sensitive: true,
  },
  {
    key: 'sasToken',
    flags: '--sas-token <token>',
    long: '--sas-token',
    env: ['AZ_SAS_TOKEN'],
    kind: 'string',
    description: 'azure blob storage SAS token (instead of the account key)',
    scope: 'azure',
    sensitive: true,
  },
  {
    key: 'url',
    flags: '-u, --url <url>',
    long: '--url',
    env: ['AZ_ENDPOINT'],
    kind: 'string',
    defaultText: 'https://<account>.blob.core.windows.net/',
    description: 'azure service URL',
    scope: 'azure',
  },
];

const BY_KEY = new Map(OPTION_SPECS.map((spec) => [spec.key, spec]));

export function optionSpec(key: OptionKey): OptionSpec {
  const spec = BY_KEY.get(key);
  if (!spec) throw new Error(`no option spec for ${key}`);
  return spec;
}

/** Help text of one option: its description, then where else it can come from. */
export function helpDescription(spec: OptionSpec): string {
  const extras = [`env: ${spec.env.join(', ')}`];
  const shownDefault = spec.defaultText ?? spec.defaultValue;
  if (shownDefault !== undefined) extras.push(`default: ${shownDefault}`);
  return `${spec.description} [${extras.join('; ')}]`;
}
