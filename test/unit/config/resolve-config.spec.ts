import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism, hostname } from 'node:os';
import { join } from 'node:path';
import { ConfigError, resolveGatewayConfig, type ConfigInput, type FlagValues, type PosixBackendConfig } from '../../../src/config';
import { OTHER_KEY, TEST_CERT, TEST_KEY, useTempDir, writeFile } from './fixtures';

const ROOT_KEYS = { ROOT_ACCESS_KEY: 'rootaccess', ROOT_SECRET_KEY: 'rootsecret' };

describe('resolveGatewayConfig', () => {
  const tmp = useTempDir();

  /** DIR is `<tmp>/data`; root keys come from the environment unless a test says otherwise. */
  function resolveWith(flags: FlagValues = {}, env: ConfigInput['env'] = ROOT_KEYS) {
    return resolveGatewayConfig({ flags, env, dir: 'data', cwd: tmp() });
  }

  function errorOf(flags: FlagValues, env: ConfigInput['env'] = ROOT_KEYS): string {
    try {
      resolveWith(flags, env);
    } catch (err) {
      if (err instanceof ConfigError) return err.message;
      throw err;
    }
    throw new Error('expected a ConfigError');
  }

  describe('defaults', () => {
    it('fills every option that nothing sets', () => {
      const { config } = resolveWith();
      const root = join(tmp(), 'data');
      expect(config).toEqual({
        port: { host: undefined, port: 7070 },
        access: 'rootaccess',
        secret: 'rootsecret',
        region: 'us-east-1',
        tls: undefined,
        debug: false,
        quiet: false,
        db: join(root, '.tracegw', 'journal.db'),
        adminPort: undefined,
        workers: availableParallelism(),
        readOnly: false,
        metrics: { port: undefined, serviceName: hostname(), statsdServers: [] },
        console: { traceUrl: undefined, sessionTtlMs: 15 * 60_000 },
        history: { maxAgeMs: 30 * 86_400_000, maxRows: 1_000_000 },
        multipart: { sweep: false, maxAgeMs: 7 * 86_400_000, sweepIntervalMs: 3_600_000 },
        disableSigV2: false,
        otel: {
          enabled: false,
          endpoint: 'localhost:4317',
          serviceName: 'tracegw',
          environment: 'development',
          sampleRate: 1,
          useHttp: false,
          insecure: false,
          headers: {},
        },
        sentry: { enabled: false, dsn: undefined },
        backend: { type: 'posix', root, dirPerms: 0o755, disableOtmp: false, disableCopyFileRange: false },
      });
    });

    it('creates a missing DIR (the quick start uses ./data) and the state directory', () => {
      const { config } = resolveWith();
      expect(statSync(posixOf(config).root).isDirectory()).toBe(true);
      expect(statSync(join(posixOf(config).root, '.tracegw')).isDirectory()).toBe(true);
    });

    it('switches the default endpoint to OTLP/HTTP port 4318 with --otel-use-http', () => {
      expect(resolveWith({ otelUseHttp: true }).config.otel.endpoint).toBe('localhost:4318');
      expect(resolveWith({ otelUseHttp: true, otelEndpoint: 'collector:4000' }).config.otel.endpoint).toBe('collector:4000');
    });

    it('returns a frozen object', () => {
      const { config } = resolveWith();
      expect(Object.isFrozen(config)).toBe(true);
      expect(Object.isFrozen(config.otel.headers)).toBe(true);
      expect(Object.isFrozen(config.backend)).toBe(true);
    });
  });

  describe('precedence: flag > environment > default', () => {
    it.each([
      ['port', { port: '127.0.0.1:8000' }, { VGW_PORT: ':9000' }, (c: Cfg) => c.port, { host: '127.0.0.1', port: 8000 }, { host: undefined, port: 9000 }, { host: undefined, port: 7070 }],
      ['region', { region: 'eu-west-3' }, { VGW_REGION: 'ap-south-1' }, (c: Cfg) => c.region, 'eu-west-3', 'ap-south-1', 'us-east-1'],
      ['otel sample rate', { otelSampleRate: '0.1' }, { VGW_OTEL_SAMPLE_RATE: '0.5' }, (c: Cfg) => c.otel.sampleRate, 0.1, 0.5, 1],
      ['otel service name', { otelServiceName: 'flag-name' }, { VGW_OTEL_SERVICE_NAME: 'env-name' }, (c: Cfg) => c.otel.serviceName, 'flag-name', 'env-name', 'tracegw'],
      ['debug', { debug: true }, { VGW_DEBUG: '1' }, (c: Cfg) => c.debug, true, true, false],
      ['dir perms', { dirPerms: '0700' }, { VGW_DIR_PERMS: '0750' }, (c: Cfg) => posixOf(c).dirPerms, 0o700, 0o750, 0o755],
      ['copy_file_range off', { disableCopyFileRange: true }, { VGW_DISABLE_COPY_FILE_RANGE: 'true' }, (c: Cfg) => posixOf(c).disableCopyFileRange, true, true, false],
      ['multipart sweep', { multipartSweep: true }, { VGW_MULTIPART_SWEEP: '1' }, (c: Cfg) => c.multipart?.sweep, true, true, false],
      ['multipart max age', { multipartMaxAge: '36h' }, { VGW_MULTIPART_MAX_AGE: '2d' }, (c: Cfg) => c.multipart?.maxAgeMs, 36 * 3_600_000, 2 * 86_400_000, 7 * 86_400_000],
      ['multipart sweep interval', { multipartSweepInterval: '15m' }, { VGW_MULTIPART_SWEEP_INTERVAL: '2h' }, (c: Cfg) => c.multipart?.sweepIntervalMs, 900_000, 7_200_000, 3_600_000],
      ['workers', { workers: '1' }, { VGW_WORKERS: '3' }, (c: Cfg) => c.workers, 1, 3, availableParallelism()],
      ['sigv2 off', { disableSigv2: true }, { VGW_DISABLE_SIGV2: '1' }, (c: Cfg) => c.disableSigV2, true, true, false],
      ['virtual domain', { virtualDomain: 'S3.Example.com' }, { VGW_VIRTUAL_DOMAIN: 'localhost' }, (c: Cfg) => c.virtualDomain, 's3.example.com', 'localhost', undefined],
      ['console trace url', { consoleTraceUrl: 'https://grafana/explore?trace={traceId}' }, { VGW_CONSOLE_TRACE_URL: 'http://jaeger:16686/trace/{traceId}' }, (c: Cfg) => c.console?.traceUrl, 'https://grafana/explore?trace={traceId}', 'http://jaeger:16686/trace/{traceId}', undefined],
      ['console session ttl', { consoleSessionTtl: '30s' }, { VGW_CONSOLE_SESSION_TTL: '8h' }, (c: Cfg) => c.console?.sessionTtlMs, 30_000, 8 * 3_600_000, 15 * 60_000],
    ])('%s', (_name, flags, env, pick, fromFlag, fromEnv, fromDefault) => {
      expect(pick(resolveWith(flags as FlagValues, { ...ROOT_KEYS, ...env }).config)).toEqual(fromFlag);
      expect(pick(resolveWith({}, { ...ROOT_KEYS, ...env }).config)).toEqual(fromEnv);
      expect(pick(resolveWith({}, ROOT_KEYS).config)).toEqual(fromDefault);
    });

    it('lets a false boolean variable stand when no flag is given', () => {
      expect(resolveWith({}, { ...ROOT_KEYS, VGW_OTEL_ENABLED: 'false' }).config.otel.enabled).toBe(false);
      expect(resolveWith({ otelEnabled: true }, { ...ROOT_KEYS, VGW_OTEL_ENABLED: 'false' }).config.otel.enabled).toBe(true);
    });

    it('reads root keys from flags first, then the first variable of each pair', () => {
      const env = { ROOT_ACCESS_KEY_ID: 'id-var', ROOT_ACCESS_KEY: 'key-var', ROOT_SECRET_ACCESS_KEY: 's1', ROOT_SECRET_KEY: 's2' };
      expect(resolveWith({}, env).config).toMatchObject({ access: 'id-var', secret: 's1' });
      expect(resolveWith({ access: 'flag-a', secret: 'flag-s' }, env).config).toMatchObject({ access: 'flag-a', secret: 'flag-s' });
    });

    it('treats an empty variable as unset', () => {
      expect(resolveWith({}, { ...ROOT_KEYS, VGW_PORT: '' }).config.port.port).toBe(7070);
    });

    it('resolves --db against the working directory', () => {
      expect(resolveWith({ db: 'journal.sqlite' }).config.db).toBe(join(tmp(), 'journal.sqlite'));
    });
  });

  describe('one line naming the option for each bad value', () => {
    it.each<[string, FlagValues, Record<string, string>, string]>([
      ['sample rate out of range', { otelSampleRate: '1.5' }, {}, 'invalid --otel-sample-rate (VGW_OTEL_SAMPLE_RATE) "1.5": must be between 0.0 and 1.0'],
      ['sample rate not a number', {}, { VGW_OTEL_SAMPLE_RATE: 'half' }, 'invalid --otel-sample-rate (VGW_OTEL_SAMPLE_RATE) "half": must be a number between 0.0 and 1.0'],
      ['negative sample rate', { otelSampleRate: '-0.1' }, {}, 'invalid --otel-sample-rate (VGW_OTEL_SAMPLE_RATE) "-0.1": must be between 0.0 and 1.0'],
      ['boolean variable', {}, { VGW_OTEL_ENABLED: 'yes' }, 'invalid --otel-enabled (VGW_OTEL_ENABLED) "yes": must be true, false, 1 or 0'],
      ['posix boolean variable', {}, { VGW_DISABLE_OTMP: 'on' }, 'invalid --disableotmp (VGW_DISABLE_OTMP) "on": must be true, false, 1 or 0'],
      ['port', { port: '7070' }, {}, 'invalid --port (VGW_PORT) "7070": must be <host>:<port>, :<port> or [<ipv6>]:<port>'],
      ['port range', {}, { VGW_PORT: ':70000' }, 'invalid --port (VGW_PORT) ":70000": port must be between 1 and 65535'],
      ['virtual domain', { virtualDomain: 'http://s3.example.com' }, {}, 'invalid --virtual-domain (VGW_VIRTUAL_DOMAIN) "http://s3.example.com": must be a domain name such as s3.example.com, without scheme or port'],
      ['console trace url without {traceId}', { consoleTraceUrl: 'http://jaeger:16686/trace/' }, {}, 'invalid --console-trace-url (VGW_CONSOLE_TRACE_URL) "http://jaeger:16686/trace/": must be an http(s) URL with {traceId} in it (e.g. http://jaeger:16686/trace/{traceId})'],
      ['console trace url not http', { consoleTraceUrl: 'javascript:alert({traceId})' }, {}, 'invalid --console-trace-url (VGW_CONSOLE_TRACE_URL) "javascript:alert({traceId})": must be an http(s) URL with {traceId} in it (e.g. http://jaeger:16686/trace/{traceId})'],
      ['console session ttl of 0', {}, { VGW_CONSOLE_SESSION_TTL: '0' }, 'invalid --console-session-ttl (VGW_CONSOLE_SESSION_TTL) "0": must be a duration longer than 0, such as 90m, 12h or 7d'],
      ['sigv2 boolean variable', {}, { VGW_DISABLE_SIGV2: 'yes' }, 'invalid --disable-sigv2 (VGW_DISABLE_SIGV2) "yes": must be true, false, 1 or 0'],
      ['admin port', { adminPort: 'x' }, {}, 'invalid --admin-port (VGW_ADMIN_PORT) "x": must be <host>:<port>, :<port> or [<ipv6>]:<port>'],
      ['admin port on the S3 port', { port: ':8000', adminPort: '127.0.0.1:8000' }, {}, 'invalid --admin-port (VGW_ADMIN_PORT) "127.0.0.1:8000": must differ from --port'],
      ['region', { region: 'us/east' }, {}, `invalid --region (VGW_REGION) "us/east": must be 1 to 64 letters, digits, '.', '_' or '-'`],
      ['empty region flag', { region: '' }, {}, `invalid --region (VGW_REGION) "": must be 1 to 64 letters, digits, '.', '_' or '-'`],
      ['endpoint', { otelEndpoint: 'localhost' }, {}, 'invalid --otel-endpoint (VGW_OTEL_ENDPOINT) "localhost": must be <host>:<port> or a http(s):// URL'],
      ['service name', { otelServiceName: ' ' }, {}, 'invalid --otel-service-name (VGW_OTEL_SERVICE_NAME) " ": must not be empty'],
      ['headers', {}, { VGW_OTEL_HEADERS: 'api-key' }, 'invalid --otel-headers (VGW_OTEL_HEADERS) ***: "api-key" is not name=value'],
      ['sentry dsn', { sentryDsn: 'not a url' }, {}, 'invalid --sentry-dsn (VGW_SENTRY_DSN) ***: must be a http(s) URL'],
      ['sentry without dsn', { sentryEnabled: true }, {}, 'missing --sentry-dsn (VGW_SENTRY_DSN): --sentry-enabled needs a DSN'],
      ['dir perms', { dirPerms: '999' }, {}, 'invalid --dir-perms (VGW_DIR_PERMS) "999": must be an octal mode such as 0755'],
      ['access key', { access: 'a/b', secret: 's' }, {}, `invalid --access (ROOT_ACCESS_KEY_ID or ROOT_ACCESS_KEY) "a/b": must be 1 to 128 printable ASCII characters other than '/' and ','`],
      ['secret key, never echoed', { access: 'a', secret: 'has space' }, {}, 'invalid --secret (ROOT_SECRET_ACCESS_KEY or ROOT_SECRET_KEY) ***: must be 1 to 128 printable ASCII characters without spaces'],
      ['db in a missing directory', { db: '/nonexistent-dir/j.db' }, {}, 'invalid --db (VGW_DB) "/nonexistent-dir/j.db": directory /nonexistent-dir does not exist'],
      ['multipart max age', { multipartMaxAge: '7' }, {}, 'invalid --multipart-max-age (VGW_MULTIPART_MAX_AGE) "7": must be a duration such as 90m, 12h or 7d'],
      ['multipart sweep interval 0', {}, { VGW_MULTIPART_SWEEP_INTERVAL: '0' }, 'invalid --multipart-sweep-interval (VGW_MULTIPART_SWEEP_INTERVAL) "0": must be a duration longer than 0, such as 90m, 12h or 7d'],
      ['no workers', { workers: '0' }, {}, 'invalid --workers (VGW_WORKERS) "0": must be a whole number of processes from 1 to 1024'],
      ['negative workers', { workers: '-1' }, {}, 'invalid --workers (VGW_WORKERS) "-1": must be a whole number of processes from 1 to 1024'],
      ['workers not a number', {}, { VGW_WORKERS: 'abc' }, 'invalid --workers (VGW_WORKERS) "abc": must be a whole number of processes from 1 to 1024'],
      ['fractional workers', { workers: '1.5' }, {}, 'invalid --workers (VGW_WORKERS) "1.5": must be a whole number of processes from 1 to 1024'],
      ['too many workers', { workers: '5000' }, {}, 'invalid --workers (VGW_WORKERS) "5000": must be a whole number of processes from 1 to 1024'],
    ])('%s', (_name, flags, env, message) => {
      expect(errorOf(flags, { ...ROOT_KEYS, ...env })).toBe(message);
    });

    it('names the variable that supplied the value when an option has several', () => {
      expect(errorOf({}, { ROOT_ACCESS_KEY: 'a,b', ROOT_SECRET_KEY: 's' })).toBe(
        `invalid --access (ROOT_ACCESS_KEY) "a,b": must be 1 to 128 printable ASCII characters other than '/' and ','`,
      );
    });

    it('names the missing half of the root credentials', () => {
      expect(errorOf({ access: 'only-access' }, {})).toBe(
        'missing --secret (ROOT_SECRET_ACCESS_KEY or ROOT_SECRET_KEY): the root access key was given without its secret',
      );
      expect(errorOf({}, { ROOT_SECRET_KEY: 'only-secret' })).toBe(
        'missing --access (ROOT_ACCESS_KEY_ID or ROOT_ACCESS_KEY): the root secret was given without its access key',
      );
    });

    it('rejects a DIR that is a file', () => {
      writeFile(tmp(), 'data', 'not a directory');
      expect(errorOf({})).toBe(`invalid posix DIR "${join(tmp(), 'data')}": not a directory`);
    });

    it('rejects a --db that is a directory', () => {
      mkdirSync(join(tmp(), 'dbdir'));
      expect(errorOf({ db: 'dbdir' })).toBe('invalid --db (VGW_DB) "dbdir": is a directory');
    });

    it.each<[FlagValues, Record<string, string>]>([
      [{ otelSampleRate: '2' }, {}],
      [{}, { VGW_QUIET: 'maybe' }],
      [{}, { VGW_DISABLE_OTMP: 'on' }],
    ])('creates nothing when a value is invalid (%j %j)', (flags, env) => {
      errorOf(flags, env);
      expect(existsSync(join(tmp(), 'data'))).toBe(false);
    });
  });

  describe('TLS', () => {
    it('takes a readable cert and key, as absolute paths', () => {
      writeFile(tmp(), 'cert.pem', TEST_CERT);
      writeFile(tmp(), 'key.pem', TEST_KEY);
      const { config } = resolveWith({ cert: 'cert.pem' }, { ...ROOT_KEYS, VGW_KEY: join(tmp(), 'key.pem') });
      expect(config.tls).toEqual({ cert: join(tmp(), 'cert.pem'), key: join(tmp(), 'key.pem') });
    });

    it('wants both files or neither', () => {
      expect(errorOf({ cert: 'cert.pem' })).toBe('missing --key (VGW_KEY): --cert was given without it');
      expect(errorOf({}, { ...ROOT_KEYS, VGW_KEY: 'key.pem' })).toBe('missing --cert (VGW_CERT): --key was given without it');
    });

    it('names a file that is missing, not a file or unreadable', () => {
      writeFile(tmp(), 'key.pem', TEST_KEY);
      expect(errorOf({ cert: 'nope.pem', key: 'key.pem' })).toBe('invalid --cert (VGW_CERT) "nope.pem": no such file');
      expect(errorOf({ cert: '.', key: 'key.pem' })).toBe('invalid --cert (VGW_CERT) ".": not a regular file');
      writeFile(tmp(), 'cert.pem', TEST_CERT);
      chmodSync(join(tmp(), 'key.pem'), 0o000);
      // root reads any file whatever its mode
      if (process.getuid?.() !== 0) {
        expect(errorOf({ cert: 'cert.pem', key: 'key.pem' })).toBe('invalid --key (VGW_KEY) "key.pem": not readable');
      }
    });

    it('rejects a key that does not belong to the certificate', () => {
      writeFile(tmp(), 'cert.pem', TEST_CERT);
      writeFile(tmp(), 'other.pem', OTHER_KEY);
      expect(errorOf({ cert: 'cert.pem', key: 'other.pem' })).toBe(
        'invalid --cert (VGW_CERT) "cert.pem": cannot be loaded with --key "other.pem": key values mismatch',
      );
    });
  });

  describe('health, read-only mode, access log and metrics', () => {
    it('takes them from flags and VersityGW\'s variables', () => {
      const { config } = resolveWith(
        { health: '/health', accessLog: 'access.log', metricsPort: ':9100' },
        { ...ROOT_KEYS, VGW_READ_ONLY: 'true', VGW_METRICS_SERVICE_NAME: 'node-a', VGW_METRICS_STATSD_SERVERS: 'statsd1.example.com:8125, 10.0.0.9:9125' },
      );
      expect(config.health).toBe('/health');
      expect(config.readOnly).toBe(true);
      expect(config.accessLog).toBe(join(tmp(), 'access.log'));
      // No host: loopback only, since /metrics answers without authentication.
      expect(config.metrics).toEqual({
        port: { host: '127.0.0.1', port: 9100 },
        serviceName: 'node-a',
        statsdServers: [
          { host: 'statsd1.example.com', port: 8125 },
          { host: '10.0.0.9', port: 9125 },
        ],
      });
    });

    it.each([
      [{ health: 'health' }, `invalid --health (VGW_HEALTH) "health": must be a path starting with '/', without spaces, '?' or '#' (e.g. /health)`],
      [{ health: '/health?x' }, `invalid --health (VGW_HEALTH) "/health?x": must be a path starting with '/', without spaces, '?' or '#' (e.g. /health)`],
      [{ accessLog: 'no-such-dir/access.log' }, 'invalid --access-log (VGW_ACCESS_LOG) "no-such-dir/access.log": directory NODIR does not exist'],
      [{ accessLog: '.' }, 'invalid --access-log (VGW_ACCESS_LOG) ".": not a regular file'],
      [{ metricsPort: '9100' }, 'invalid --metrics-port (VGW_METRICS_PORT) "9100": must be <host>:<port>, :<port> or [<ipv6>]:<port>'],
      [{ metricsStatsdServers: 'statsd:8125,statsd2' }, 'invalid --metrics-statsd-servers (VGW_METRICS_STATSD_SERVERS) "statsd:8125,statsd2": "statsd2": must be <host>:<port>, :<port> or [<ipv6>]:<port>'],
      [{ metricsPort: ':7070' }, 'invalid --metrics-port (VGW_METRICS_PORT) ":7070": must differ from --port and --admin-port'],
    ] as const)('refuses %j in one line', (flags, line) => {
      expect(errorOf(flags)).toBe(line.replace('NODIR', join(tmp(), 'no-such-dir')));
    });

    it('names VGW_READ_ONLY when it is not a boolean', () => {
      expect(errorOf({}, { ...ROOT_KEYS, VGW_READ_ONLY: 'yes' })).toBe('invalid --readonly (VGW_READ_ONLY) "yes": must be true, false, 1 or 0');
    });
  });

  it('parses the remaining options into their sections', () => {
    const { config } = resolveWith(
      { quiet: true, otelInsecure: true, otelHeaders: 'x-team=abc', sentryEnabled: true, adminPort: '[::1]:7071' },
      { ...ROOT_KEYS, VGW_SENTRY_DSN: 'https://key@o1.ingest.sentry.io/2', VGW_DISABLE_OTMP: 'true' },
    );
    expect(config.quiet).toBe(true);
    expect(config.otel).toMatchObject({ insecure: true, headers: { 'x-team': 'abc' } });
    expect(config.sentry).toEqual({ enabled: true, dsn: 'https://key@o1.ingest.sentry.io/2' });
    expect(config.adminPort).toEqual({ host: '::1', port: 7071 });
    expect(posixOf(config).disableOtmp).toBe(true);
  });
});

type Cfg = ReturnType<typeof resolveGatewayConfig>['config'];

function posixOf(config: Cfg): PosixBackendConfig {
  if (config.backend.type !== 'posix') throw new Error(`a posix configuration was expected, not ${config.backend.type}`);
  return config.backend;
}
