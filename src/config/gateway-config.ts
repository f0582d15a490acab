/**
 * The gateway's configuration once flags, environment variables and defaults are merged and
 * validated. Frozen: start-up code reads it, nothing changes it while the gateway runs.
 */

export interface ListenAddress {
  /**
   * Host name or IP address (IPv6 without brackets); undefined for `:port`, meaning every
   * interface. Fastify's own default host is localhost only, so the server must turn
   * undefined into '::' (or '0.0.0.0') itself.
   */
  readonly host: string | undefined;
  readonly port: number;
}

/** The host a server listens on: the address's, or every interface ('::' takes IPv4 too on dual-stack hosts). */
export function listenHost(address: ListenAddress): string {
  return address.host ?? '::';
}

/** Both files or neither: the type cannot hold half a TLS setup. */
export interface TlsConfig {
  readonly cert: string;
  readonly key: string;
}

/** spec/tracing-guide.md, "Configuration Options". */
export interface OtelConfig {
  readonly enabled: boolean;
  /** `<host>:<port>` or a http(s) URL, as given; exporters differ in what they need from it. */
  readonly endpoint: string;
  readonly serviceName: string;
  readonly environment: string;
  /** 0.0 to 1.0, the ratio of root traces kept (parent-based: a sampled parent wins). */
  readonly sampleRate: number;
  /** OTLP over HTTP/protobuf instead of gRPC. */
  readonly useHttp: boolean;
  /** Plain-text connection to the endpoint. */
  readonly insecure: boolean;
  /** Extra request headers for the exporter (API keys of hosted backends), values decoded. */
  readonly headers: Readonly<Record<string, string>>;
}

export interface SentryConfig {
  readonly enabled: boolean;
  /** Always set when enabled. */
  readonly dsn: string | undefined;
}

export interface PosixBackendConfig {
  readonly type: 'posix';
  /** Absolute path of the directory whose sub-directories are the buckets. */
  readonly root: string;
  /** Mode of directories the backend creates (buckets, key prefixes), before umask. */
  readonly dirPerms: number;
  /** Always write through a named temporary file, even where O_TMPFILE works (VersityGW's --disableotmp). */
  readonly disableOtmp: boolean;
  /** CompleteMultipartUpload copies parts in user space (--disable-copy-file-range); absent means false. */
  readonly disableCopyFileRange?: boolean;
  /** Absolute path, outside `root`, of older versions (--versioning-dir); absent: no bucket can be versioned. */
  readonly versioningDir?: string;
}

/** The abandoned multipart upload sweep. */
export interface MultipartConfig {
  readonly sweep: boolean;
  /** Uploads initiated longer ago than this are aborted by the sweep. */
  readonly maxAgeMs: number;
  readonly sweepIntervalMs: number;
}

/** The option table's defaults (off, 7d, 1h), for configurations built without `multipart`. */
export const DEFAULT_MULTIPART: MultipartConfig = Object.freeze({ sweep: false, maxAgeMs: 7 * 86_400_000, sweepIntervalMs: 3_600_000 });

/** Retention of the operation history; 0 turns a limit off. */
export interface HistoryConfig {
  readonly maxAgeMs: number;
  readonly maxRows: number;
}

/** The option table's defaults (30d, 1000000), for configurations built without `history`. */
export const DEFAULT_HISTORY: HistoryConfig = Object.freeze({ maxAgeMs: 30 * 86_400_000, maxRows: 1_000_000 });

/** Prometheus metrics (docs/metrics.md): served at /metrics on --admin-port and on `port` when set. */
export interface MetricsConfig {
  /** --metrics-port; its host defaults to 127.0.0.1, not every interface: metrics carry no auth. */
  readonly port: ListenAddress | undefined;
  /** The `service` label on every series (--metrics-service-name, the host name by default). */
  readonly serviceName: string;
  /** --metrics-statsd-servers: where each request's counters also go, over UDP (none when empty). */
  readonly statsdServers?: readonly { host: string; port: number }[];
}

/** The operations console (docs/console.md), served where the admin API has its own listener. */
export interface ConsoleConfig {
  /** A URL with `{traceId}` where the trace id goes: the console links each operation's trace there. */
  readonly traceUrl: string | undefined;
  /** A sign-in's lifetime: the session token expires this long after it was issued. */
  readonly sessionTtlMs: number;
}

/** The option table's defaults (no trace link, 15m), for configurations built without `console`. */
export const DEFAULT_CONSOLE: ConsoleConfig = Object.freeze({ traceUrl: undefined, sessionTtlMs: 15 * 60_000 });

/**
 * `tracegw azure`: containers of one Azure storage account are the buckets (VersityGW's azure
 * backend). Shared key (account and key) or a SAS token; VersityGW's fallback to Azure's default
 * credential chain is not offered.
 */
export interface AzureBackendConfig {
  readonly type: 'azure';
  /** The blob service's URL, `/`-terminated: --url, or https://<account>.blob.core.windows.net/. */
  readonly serviceUrl: string;
  /** Set with `accountKey` for shared-key authentication. */
  readonly account?: string;
  readonly accountKey?: string;
  /** Appended to every URL when set (without a leading `?`); the account key is then not used. */
  readonly sasToken?: string;
}

/** `scoutfs DIR`: the posix backend's options; CompleteMultipartUpload moves blocks where ScoutFS can. */
export interface ScoutfsBackendConfig extends Omit<PosixBackendConfig, 'type'> {
  readonly type: 'scoutfs';
}

/** `tracegw s3` (VersityGW's s3 subcommand): another S3 server behind tracegw. */
export interface S3ProxyBackendConfig {
  readonly type: 's3proxy';
  /** The upstream's credentials, both or neither (neither: the AWS SDK's default chain). */
  readonly access?: string;
  readonly secret?: string;
  /** A http(s) URL; absent: AWS. */
  readonly endpoint?: string;
  readonly region: string;
  readonly usePathStyle: boolean;
  readonly disableChecksum: boolean;
  /** The upstream bucket holding buckets' owners, ACLs, policies and CORS; absent: none kept. */
  readonly metaBucket?: string;
}

export type BackendConfig = PosixBackendConfig | ScoutfsBackendConfig | AzureBackendConfig | S3ProxyBackendConfig;

export interface GatewayConfig {
  readonly port: ListenAddress;
  /** Root account: always exists, always admin, never stored in the IAM journal. */
  readonly access: string;
  readonly secret: string;
  readonly region: string;
  /** Undefined: plain HTTP. Paths are absolute and were readable at start-up. */
  readonly tls: TlsConfig | undefined;
  readonly debug: boolean;
  /** Silences per-request logging on stdout (VersityGW's --quiet); errors are still logged. */
  readonly quiet: boolean;
  /** Absolute path of the SQLite journal; its directory exists. */
  readonly db: string;
  /** Undefined: the admin API is served on `port` with the S3 API (as VersityGW does). */
  readonly adminPort: ListenAddress | undefined;
  /**
   * Processes serving the port: 1 is this process alone; more is a node:cluster primary that
   * does the start-up repairs and housekeeping, and that many workers. Always set by the
   * resolver; configurations built by hand (tests, benchmarks) leave it out and mean 1.
   */
  readonly workers?: number;
  /** Always set by the resolver; configurations built by hand (tests) may leave it to the defaults. */
  readonly history?: HistoryConfig;
  /** Always set by the resolver; configurations built by hand (tests) may leave it to the defaults. */
  readonly multipart?: MultipartConfig;
  /** GET/HEAD of this exact path answers 200 (503 while draining) before any S3 routing; undefined: none. */
  readonly health?: string;
  /** Every write operation answers AccessDenied (VersityGW's --readonly); absent means false. */
  readonly readOnly?: boolean;
  /** Absolute path of the S3 server access log; undefined: none. */
  readonly accessLog?: string;
  /** Absent in configurations built by hand: metrics are recorded only where something serves them. */
  readonly metrics?: MetricsConfig;
  /** Refuse Signature Version 2 (--disable-sigv2); absent means accepted. */
  readonly disableSigV2?: boolean;
  /** Base domain of virtual-hosted-style addressing (--virtual-domain), lower case; absent: path-style only. */
  readonly virtualDomain?: string;
  /** Always set by the resolver; configurations built by hand (tests) may leave it to the defaults. */
  readonly console?: ConsoleConfig;
  readonly otel: OtelConfig;
  readonly sentry: SentryConfig;
  readonly backend: BackendConfig;
}

/** What start-up should tell the operator besides the configuration itself. */
export interface ConfigNotes {
  /** True only at the start that created the root credentials: print them then, never again. */
  readonly generatedRootCredentials: boolean;
}

/**
 * Directory under the gateway root holding tracegw's own files (journal, root credentials).
 * Its name starts with a dot, which no valid bucket name does, so S3 clients cannot reach it;
 * the posix backend must still leave it out of ListBuckets.
 */
export const STATE_DIR_NAME = '.tracegw';
export const JOURNAL_FILE_NAME = 'journal.db';
export const ROOT_CREDENTIALS_FILE_NAME = 'root-credentials.json';
