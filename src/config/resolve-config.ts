import { accessSync, constants, mkdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { createSecureContext } from 'node:tls';
import { ConfigError, type ValueSource } from './config-error';
import { resolveAzureBackend } from './resolve-azure';
import { resolveS3ProxyBackend } from './resolve-s3proxy';
import {
  JOURNAL_FILE_NAME,
  STATE_DIR_NAME,
  type BackendConfig,
  type ConfigNotes,
  type GatewayConfig,
  type ListenAddress,
  type TlsConfig,
} from './gateway-config';
import { GatewayOptions, firstViolation } from './gateway-options';
import { optionSpec, type OptionKey } from './option-specs';
import { loadOrCreateRootCredentials, type RootCredentials } from './root-credentials';
import { parseDuration, parseRowCount } from './retention-parsers';
import { parseBoolean, parseDecimal, parseHeaders, parseHealthPath, parseListenAddress, parseLocalListenAddress, parseOctalMode, parseStatsdServers, parseTraceUrlTemplate, parseVirtualDomain, parseWorkerCount, MAX_WORKERS, type Parsed } from './value-parsers';

/** Option values as commander hands them over: only the flags given, text or `true`. */
export type FlagValues = Readonly<Partial<Record<OptionKey, string | boolean>>>;

export interface ConfigInput {
  readonly flags: FlagValues;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The posix (or scoutfs) command's DIR argument, as typed; absent for the azure and s3 commands. */
  readonly dir?: string;
  /** The backend command given: posix unless said otherwise. */
  readonly backend?: BackendConfig['type'];
  /** Relative paths (DIR, --db, --cert, --key) are taken from here. */
  readonly cwd: string;
}

export interface ResolvedConfig {
  readonly config: GatewayConfig;
  readonly notes: ConfigNotes;
}

// The one default that depends on another option; its help text is in the option table.
const OTEL_ENDPOINT_DEFAULT = { grpc: 'localhost:4317', http: 'localhost:4318' } as const;

/**
 * Merges flags over environment variables over defaults, validates the result, makes sure DIR
 * exists and settles the root credentials (generating them at the first start). Throws
 * ConfigError, whose message is the one line an operator sees.
 */
export function resolveGatewayConfig(input: ConfigInput): ResolvedConfig {
  const read = new OptionReader(input.flags, input.env);

  const port = read.parsed('port', parseListenAddress);
  const adminPort = read.parsedOptional('adminPort', parseListenAddress);
  const otelUseHttp = read.boolean('otelUseHttp');
  const options = Object.assign(new GatewayOptions(), {
    region: read.required('region'),
    access: read.text('access'),
    secret: read.text('secret'),
    otelEndpoint: read.text('otelEndpoint') ?? OTEL_ENDPOINT_DEFAULT[otelUseHttp ? 'http' : 'grpc'],
    otelServiceName: read.required('otelServiceName'),
    otelEnvironment: read.required('otelEnvironment'),
    otelSampleRate: read.parsed('otelSampleRate', (text) =>
      numberOr(parseDecimal(text), 'must be a number between 0.0 and 1.0'),
    ),
    sentryDsn: read.text('sentryDsn'),
  });
  const violation = firstViolation(options);
  if (violation) throw read.invalid(violation.key, violation.reason);

  const otel = {
    enabled: read.boolean('otelEnabled'),
    endpoint: options.otelEndpoint,
    serviceName: options.otelServiceName,
    environment: options.otelEnvironment,
    sampleRate: options.otelSampleRate,
    useHttp: otelUseHttp,
    insecure: read.boolean('otelInsecure'),
    headers: read.parsedOptional('otelHeaders', parseHeaders) ?? {},
  };
  const sentry = { enabled: read.boolean('sentryEnabled'), dsn: options.sentryDsn };
  if (sentry.enabled && sentry.dsn === undefined) {
    throw ConfigError.missing(optionSpec('sentryDsn'), `${optionSpec('sentryEnabled').long} needs a DSN`);
  }
  if (adminPort && sameListener(adminPort, port)) {
    throw read.invalid('adminPort', `must differ from ${optionSpec('port').long}`);
  }
  const credentialsGiven = requireBothOrNeither(options.access, options.secret);
  const debug = read.boolean('debug');
  const quiet = read.boolean('quiet');
  const dirPerms = read.parsed('dirPerms', parseOctalMode);
  const disableOtmp = read.boolean('disableotmp');
  const history = { maxAgeMs: read.parsed('historyMaxAge', parseDuration), maxRows: read.parsed('historyMaxRows', parseRowCount) };
  const multipart = {
    sweep: read.boolean('multipartSweep'),
    maxAgeMs: read.parsed('multipartMaxAge', positiveDuration),
    sweepIntervalMs: read.parsed('multipartSweepInterval', positiveDuration),
  };
  const disableCopyFileRange = read.boolean('disableCopyFileRange');
  const disableSigV2 = read.boolean('disableSigv2');
  const virtualDomain = read.parsedOptional('virtualDomain', parseVirtualDomain);
  const workers = read.parsedOptional('workers', parseWorkerCount) ?? Math.min(availableParallelism(), MAX_WORKERS);
  const health = read.parsedOptional('health', parseHealthPath);
  const readOnly = read.boolean('readonly');
  const metrics = {
    port: read.parsedOptional('metricsPort', parseLocalListenAddress),
    serviceName: read.text('metricsServiceName') ?? hostname(),
    statsdServers: read.parsedOptional('metricsStatsdServers', parseStatsdServers) ?? [],
  };
  const consoleSettings = {
    traceUrl: read.parsedOptional('consoleTraceUrl', parseTraceUrlTemplate),
    sessionTtlMs: read.parsed('consoleSessionTtl', positiveDuration),
  };
  for (const other of [port, adminPort]) {
    if (metrics.port && other && sameListener(metrics.port, other)) throw read.invalid('metricsPort', 'must differ from --port and --admin-port');
  }

  // Checks that touch the file system come after every check that does not, so a mistyped
  // value creates nothing.
  const remote = remoteBackend(input.backend, read);
  const tls = resolveTls(read, input.cwd);
  let backend: BackendConfig;
  let stateDir: string;
  if (remote !== undefined) {
    // No directory of its own: the journal and root credentials live where the gateway is started.
    backend = remote;
    stateDir = join(input.cwd, STATE_DIR_NAME);
  } else {
    const root = ensureRootDir(resolve(input.cwd, input.dir ?? ''), dirPerms);
    const versioningDir = resolveVersioningDir(read, input.cwd, root, dirPerms);
    backend = { type: input.backend === 'scoutfs' ? 'scoutfs' : 'posix', root, dirPerms, disableOtmp, disableCopyFileRange, ...(versioningDir !== undefined ? { versioningDir } : {}) };
    stateDir = join(root, STATE_DIR_NAME);
  }
  const db = resolveDb(read, input.cwd, stateDir);
  const accessLog = resolveAccessLog(read, input.cwd);
  const rootCredentials = credentialsGiven
    ? { credentials: credentialsGiven, generated: false }
    : loadOrCreateRootCredentials(stateDir);

  const config: GatewayConfig = {
    port,
    access: rootCredentials.credentials.access,
    secret: rootCredentials.credentials.secret,
    region: options.region,
    tls,
    debug,
    quiet,
    db,
    adminPort,
    workers,
    health,
    readOnly,
    accessLog,
    metrics,
    history,
    multipart,
    disableSigV2,
    virtualDomain,
    console: consoleSettings,
    otel,
    sentry,
    backend,
  };
  return { config: deepFreeze(config), notes: { generatedRootCredentials: rootCredentials.generated } };
}

/** The azure and s3 commands' own part: storage elsewhere, nothing on the local file system. */
function remoteBackend(type: ConfigInput['backend'], read: OptionReader): BackendConfig | undefined {
  if (type === 'azure') return resolveAzureBackend(read);
  if (type === 's3proxy') return resolveS3ProxyBackend(read);
  return undefined;
}

/**
 * Looks each option up in flags, then its environment variables, then its default, and
 * remembers where each value came from so an error line can name the variable actually set.
 */
export class OptionReader {
  private readonly sources = new Map<OptionKey, { text: string; source: ValueSource }>();

  constructor(
    private readonly flags: FlagValues,
    private readonly env: ConfigInput['env'],
  ) {}

  /** Flag, then variables, then the table's default; undefined when none of them applies. */
  text(key: OptionKey): string | undefined {
    const flag = this.flags[key];
    if (typeof flag === 'string') return this.remember(key, flag, { origin: 'flag' });
    const spec = optionSpec(key);
    for (const envName of spec.env) {
      const value = this.env[envName];
      // Empty counts as unset: `VGW_PORT= tracegw ...` is how a shell clears an exported variable.
      if (value !== undefined && value !== '') return this.remember(key, value, { origin: 'env', envName });
    }
    return spec.defaultValue === undefined ? undefined : this.remember(key, spec.defaultValue, { origin: 'default' });
  }

  /** For options that have a default in the table. */
  required(key: OptionKey): string {
    const text = this.text(key);
    if (text === undefined) throw new Error(`option ${key} has no default value`);
    return text;
  }

  boolean(key: OptionKey): boolean {
    // Commander hands a given boolean flag over as `true`, never as text.
    if (this.flags[key] === true) return true;
    return this.check(key, parseBoolean(this.required(key)));
  }

  parsed<T>(key: OptionKey, parse: (text: string) => Parsed<T>): T {
    return this.check(key, parse(this.required(key)));
  }

  parsedOptional<T>(key: OptionKey, parse: (text: string) => Parsed<T>): T | undefined {
    const text = this.text(key);
    return text === undefined ? undefined : this.check(key, parse(text));
  }

  invalid(key: OptionKey, reason: string): ConfigError {
    const given = this.sources.get(key);
    return ConfigError.invalid(optionSpec(key), given?.text ?? '', reason, given?.source);
  }

  private check<T>(key: OptionKey, parsed: Parsed<T>): T {
    if (!parsed.ok) throw this.invalid(key, parsed.reason);
    return parsed.value;
  }

  private remember(key: OptionKey, text: string, source: ValueSource): string {
    this.sources.set(key, { text, source });
    return text;
  }
}

/** The multipart durations have no "no limit": 0 would sweep every upload, or spin. */
function positiveDuration(text: string): Parsed<number> {
  const parsed = parseDuration(text);
  if (parsed.ok && parsed.value === 0) return { ok: false, reason: 'must be a duration longer than 0, such as 90m, 12h or 7d' };
  return parsed.ok ? parsed : { ok: false, reason: 'must be a duration such as 90m, 12h or 7d' };
}

function numberOr(parsed: Parsed<number>, reason: string): Parsed<number> {
  return parsed.ok ? parsed : { ok: false, reason };
}

/** `:7070` listens everywhere, so it collides with any host on the same port. */
function sameListener(a: ListenAddress, b: ListenAddress): boolean {
  return a.port === b.port && (a.host === undefined || b.host === undefined || a.host === b.host);
}

/** Given credentials, or undefined when both are left to the stored/generated pair. */
function requireBothOrNeither(access: string | undefined, secret: string | undefined): RootCredentials | undefined {
  if (access !== undefined && secret !== undefined) return { access, secret };
  if (access !== undefined) throw ConfigError.missing(optionSpec('secret'), 'the root access key was given without its secret');
  if (secret !== undefined) throw ConfigError.missing(optionSpec('access'), 'the root secret was given without its access key');
  return undefined;
}

function resolveTls(read: OptionReader, cwd: string): TlsConfig | undefined {
  const cert = read.text('cert');
  const key = read.text('key');
  if (cert === undefined && key === undefined) return undefined;
  if (key === undefined) throw ConfigError.missing(optionSpec('key'), `${optionSpec('cert').long} was given without it`);
  if (cert === undefined) throw ConfigError.missing(optionSpec('cert'), `${optionSpec('key').long} was given without it`);

  const files = { cert: resolve(cwd, cert), key: resolve(cwd, key) };
  for (const which of ['cert', 'key'] as const) {
    const problem = unreadableFile(files[which]);
    if (problem) throw read.invalid(which, problem);
  }
  // Loading the pair now turns a wrong file into one line instead of a failure at listen().
  try {
    createSecureContext({ cert: readFileSync(files.cert), key: readFileSync(files.key) });
  } catch (err) {
    // OpenSSL's 'error:0480006C:PEM routines::' prefix helps no operator.
    const why = (err as Error).message.replace(/^error:[0-9A-F]+:[^:]*::/, '');
    throw read.invalid('cert', `cannot be loaded with ${optionSpec('key').long} "${key}": ${why}`);
  }
  return files;
}

function unreadableFile(path: string): string | undefined {
  const stats = statOrUndefined(path);
  if (!stats) return 'no such file';
  if (!stats.isFile()) return 'not a regular file';
  try {
    accessSync(path, constants.R_OK);
  } catch {
    return 'not readable';
  }
  return undefined;
}

/** The quick start points at ./data, which does not exist yet: create it rather than fail. */
function ensureRootDir(root: string, dirPerms: number): string {
  const invalid = (reason: string): ConfigError => new ConfigError(`invalid posix DIR ${JSON.stringify(root)}: ${reason}`);
  const stats = statOrUndefined(root);
  if (!stats) {
    try {
      mkdirSync(root, { recursive: true, mode: dirPerms });
    } catch (err) {
      throw invalid(`cannot create it: ${(err as Error).message}`);
    }
  } else if (!stats.isDirectory()) {
    throw invalid('not a directory');
  }
  try {
    accessSync(root, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch {
    throw invalid('not readable and writable');
  }
  return root;
}

/**
 * --versioning-dir, made if missing. As VersityGW, never inside the root: its bucket-named
 * directories would be served as buckets.
 */
function resolveVersioningDir(read: OptionReader, cwd: string, root: string, dirPerms: number): string | undefined {
  const given = read.text('versioningDir');
  if (given === undefined) return undefined;
  const dir = resolve(cwd, given);
  const fromRoot = relative(root, dir);
  if (fromRoot === '' || (!fromRoot.startsWith('..') && !isAbsolute(fromRoot))) throw read.invalid('versioningDir', 'must be outside the posix root');
  try {
    mkdirSync(dir, { recursive: true, mode: dirPerms });
  } catch (err) {
    throw read.invalid('versioningDir', `cannot create it: ${(err as Error).message}`);
  }
  return dir;
}

function resolveDb(read: OptionReader, cwd: string, stateDir: string): string {
  const given = read.text('db');
  if (given === undefined) {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    return join(stateDir, JOURNAL_FILE_NAME);
  }
  const db = resolve(cwd, given);
  if (statOrUndefined(db)?.isDirectory()) throw read.invalid('db', 'is a directory');
  if (!statOrUndefined(dirname(db))?.isDirectory()) throw read.invalid('db', `directory ${dirname(db)} does not exist`);
  return db;
}

/** Opened for appending at start-up (VersityGW opens it there too); here only where it would go is checked. */
function resolveAccessLog(read: OptionReader, cwd: string): string | undefined {
  const given = read.text('accessLog');
  if (given === undefined) return undefined;
  const file = resolve(cwd, given);
  const stats = statOrUndefined(file);
  if (stats && !stats.isFile()) throw read.invalid('accessLog', 'not a regular file');
  if (!statOrUndefined(dirname(file))?.isDirectory()) throw read.invalid('accessLog', `directory ${dirname(file)} does not exist`);
  try {
    accessSync(stats ? file : dirname(file), constants.W_OK);
  } catch {
    throw read.invalid('accessLog', 'not writable');
  }
  return file;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (typeof inner === 'object' && inner !== null) deepFreeze(inner);
  }
  return Object.freeze(value);
}
