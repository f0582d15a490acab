import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Option } from 'commander';
import { runCli, type CliIo, type GatewayHandlers } from '../../../src/cli';
import { OPTION_SPECS, type ConfigNotes, type GatewayConfig } from '../../../src/config';

/** The real program with a fake process: output is collected, exit codes recorded, no server. */
function harness(env: Record<string, string> = { ROOT_ACCESS_KEY: 'root', ROOT_SECRET_KEY: 'rootsecret' }) {
  const cwd = mkdtempSync(join(tmpdir(), 'tracegw-cli-'));
  const out: string[] = [];
  const err: string[] = [];
  const exits: number[] = [];
  const started: { config: GatewayConfig; notes: ConfigNotes }[] = [];
  const io: CliIo = {
    env,
    cwd,
    writeOut: (text) => out.push(text),
    writeErr: (text) => err.push(text),
    exit: (code) => exits.push(code),
  };
  const handlers: GatewayHandlers = {
    startGateway: async (config, notes) => {
      started.push({ config, notes });
    },
  };
  return {
    cwd,
    run: (...argv: string[]) => runCli(argv, handlers, { io }),
    io,
    handlers,
    started,
    exits,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
    cleanup: () => rmSync(cwd, { recursive: true, force: true }),
  };
}

describe('tracegw command line', () => {
  let h: ReturnType<typeof harness>;
  afterEach(() => h.cleanup());

  describe('tracegw [global options] posix [posix options] DIR', () => {
    it('hands the built configuration to startGateway', async () => {
      h = harness();
      await h.run('-p', '127.0.0.1:8080', '--otel-enabled', '--otel-sample-rate', '0.25', 'posix', '--dir-perms', '0700', 'data');
      expect(h.exits).toEqual([]);
      expect(h.started).toHaveLength(1);
      const { config, notes } = h.started[0];
      expect(config.port).toEqual({ host: '127.0.0.1', port: 8080 });
      expect(config.otel).toMatchObject({ enabled: true, sampleRate: 0.25 });
      expect(config.backend).toEqual({ type: 'posix', root: join(h.cwd, 'data'), dirPerms: 0o700, disableOtmp: false, disableCopyFileRange: false });
      expect(config.access).toBe('root');
      expect(notes).toEqual({ generatedRootCredentials: false });
    });

    it('applies flag > environment > default', async () => {
      h = harness({ VGW_REGION: 'env-region', VGW_PORT: ':9000', ROOT_ACCESS_KEY: 'a', ROOT_SECRET_KEY: 's' });
      await h.run('--region', 'flag-region', 'posix', 'data');
      expect(h.started[0].config).toMatchObject({ region: 'flag-region', port: { port: 9000 }, otel: { environment: 'development' } });
    });

    it('tells the caller when it generated the root credentials', async () => {
      h = harness({});
      await h.run('posix', 'data');
      await h.run('posix', 'data');
      expect(h.started.map((s) => s.notes.generatedRootCredentials)).toEqual([true, false]);
      expect(h.started[1].config.access).toBe(h.started[0].config.access);
    });

    it('accepts the short flags', async () => {
      h = harness({});
      await h.run('-a', 'ak', '-s', 'sk', '-r', 'eu-1', '-q', '--ap', ':7071', 'posix', 'data');
      expect(h.started[0].config).toMatchObject({ access: 'ak', secret: 'sk', region: 'eu-1', quiet: true, adminPort: { port: 7071 } });
    });
  });

  describe('tracegw [global options] azure [azure options]', () => {
    it("takes VersityGW's flags, and its AZ_* variables under them", async () => {
      h = harness({ ROOT_ACCESS_KEY: 'root', ROOT_SECRET_KEY: 'rootsecret', AZ_ACCESS_KEY: 'env-key', AZ_ENDPOINT: 'http://env.example:1' });
      await h.run('--port', ':7071', 'azure', '-a', 'acct', '--url', 'http://127.0.0.1:10000/acct');
      expect(h.exits).toEqual([]);
      const { config } = h.started[0];
      expect(config.backend).toEqual({ type: 'azure', serviceUrl: 'http://127.0.0.1:10000/acct/', account: 'acct', accountKey: 'env-key' });
      expect(config.db).toBe(join(h.cwd, '.tracegw', 'journal.db'));
    });

    it("uses the account's public endpoint without --url, and a SAS token over the key", async () => {
      h = harness({ ROOT_ACCESS_KEY: 'root', ROOT_SECRET_KEY: 'rootsecret', AZ_SAS_TOKEN: '?sv=2024&sig=abc' });
      await h.run('azure', '--account', 'prod', '--access-key', 'k');
      expect(h.started[0].config.backend).toEqual({ type: 'azure', serviceUrl: 'https://prod.blob.core.windows.net/', account: 'prod', sasToken: 'sv=2024&sig=abc' });
    });

    it('stops with one line naming the option that is missing or wrong', async () => {
      h = harness();
      await h.run('azure', '--account', 'prod');
      await h.run('azure', '--access-key', 'k');
      await h.run('azure', '--account', 'prod', '--access-key', 'k', '--url', 'ftp://host/');
      expect(h.exits).toEqual([2, 2, 2]);
      const lines = h.stderr().trim().split('\n');
      expect(lines[0]).toMatch(/^tracegw: missing --access-key \(AZ_ACCESS_KEY\)/);
      expect(lines[1]).toMatch(/^tracegw: missing --url \(AZ_ENDPOINT\)/);
      expect(lines[2]).toMatch(/^tracegw: invalid --url \(AZ_ENDPOINT\) "ftp:\/\/host\/": must be a http\(s\) URL/);
      expect(h.started).toHaveLength(0);
    });
  });

  describe('tracegw [global options] s3 [s3 options]', () => {
    it("takes VersityGW's flags and VGW_S3_* variables; its --access, --secret and --region are the upstream's, not the global ones", async () => {
      h = harness({ VGW_S3_SECRET_KEY: 'env-upstream-secret', VGW_S3_USE_PATH_STYLE: 'true', VGW_S3_META_BUCKET: 'meta' });
      await h.run('--access', 'root', '--secret', 'rootsecret', '--region', 'eu-west-1', 's3', '-a', 'upstream', '--endpoint', 'http://127.0.0.1:9000', '--region', 'us-west-2', '--disable-checksum');
      expect(h.exits).toEqual([]);
      const { config } = h.started[0];
      expect(config.access).toBe('root');
      expect(config.secret).toBe('rootsecret');
      expect(config.region).toBe('eu-west-1');
      expect(config.backend).toEqual({
        type: 's3proxy',
        access: 'upstream',
        secret: 'env-upstream-secret',
        endpoint: 'http://127.0.0.1:9000',
        region: 'us-west-2',
        usePathStyle: true,
        disableChecksum: true,
        metaBucket: 'meta',
      });
      expect(config.db).toBe(join(h.cwd, '.tracegw', 'journal.db'));
    });

    it("leaves the upstream's credentials to the SDK's chain, and AWS as the endpoint, when none are given", async () => {
      h = harness({ ROOT_ACCESS_KEY: 'root', ROOT_SECRET_KEY: 'rootsecret' });
      await h.run('s3');
      expect(h.started[0].config.backend).toEqual({ type: 's3proxy', region: 'us-east-1', usePathStyle: false, disableChecksum: false });
    });

    it('stops with one line naming the option that is missing or wrong', async () => {
      h = harness();
      await h.run('s3', '--access', 'a');
      await h.run('s3', '--endpoint', 'ftp://host/');
      await h.run('s3', '--region', 'us/east');
      expect(h.exits).toEqual([2, 2, 2]);
      const lines = h.stderr().trim().split('\n');
      expect(lines[0]).toMatch(/^tracegw: missing --secret \(VGW_S3_SECRET_KEY\)/);
      expect(lines[1]).toMatch(/^tracegw: invalid --endpoint \(VGW_S3_ENDPOINT\) "ftp:\/\/host\/": must be a http\(s\):\/\/ URL/);
      expect(lines[2]).toMatch(/^tracegw: invalid --region \(VGW_S3_REGION\) "us\/east"/);
      expect(h.started).toHaveLength(0);
    });
  });

  describe('errors: one line on stderr, exit code 2', () => {
    it.each([
      [['--otel-sample-rate', '1.5', 'posix', 'data'], 'tracegw: invalid --otel-sample-rate (VGW_OTEL_SAMPLE_RATE) "1.5": must be between 0.0 and 1.0\n'],
      [['-p', 'nonsense', 'posix', 'data'], 'tracegw: invalid --port (VGW_PORT) "nonsense": must be <host>:<port>, :<port> or [<ipv6>]:<port>\n'],
      [['--sentry-enabled', 'posix', 'data'], 'tracegw: missing --sentry-dsn (VGW_SENTRY_DSN): --sentry-enabled needs a DSN\n'],
      [['--no-such-flag', 'posix', 'data'], "tracegw: unknown option '--no-such-flag'\n"],
      [['--prot', ':1', 'posix', 'data'], "tracegw: unknown option '--prot' (Did you mean --port?)\n"],
      [['--otel-endpoint'], "tracegw: option '--otel-endpoint <endpoint>' argument missing\n"],
      [['posix'], "tracegw: missing required argument 'DIR'\n"],
      [['posix', 'a', 'b'], "tracegw: too many arguments for 'posix'. Expected 1 argument but got 2.\n"],
      [['posxi', 'data'], "tracegw: unknown command 'posxi' (Did you mean posix?)\n"],
      // Global options go before the command, as with VersityGW.
      [['posix', '--port', ':1', 'data'], "tracegw: unknown option '--port'\n"],
    ])('%j', async (argv, line) => {
      h = harness();
      await h.run(...argv);
      expect(h.stderr()).toBe(line);
      expect(h.exits).toEqual([2]);
      expect(h.started).toEqual([]);
    });

    it('reads bad values from the environment too', async () => {
      h = harness({ ROOT_ACCESS_KEY: 'a', ROOT_SECRET_KEY: 's', VGW_QUIET: 'maybe' });
      await h.run('posix', 'data');
      expect(h.stderr()).toBe('tracegw: invalid --quiet (VGW_QUIET) "maybe": must be true, false, 1 or 0\n');
      expect(h.exits).toEqual([2]);
    });

    it('names the missing half of the root credentials', async () => {
      h = harness({ ROOT_ACCESS_KEY_ID: 'only' });
      await h.run('posix', 'data');
      expect(h.stderr()).toBe(
        'tracegw: missing --secret (ROOT_SECRET_ACCESS_KEY or ROOT_SECRET_KEY): the root access key was given without its secret\n',
      );
      expect(h.exits).toEqual([2]);
    });

    it('shows the help and exits 2 when no command is given', async () => {
      h = harness();
      await h.run();
      expect(h.stderr()).toContain('Usage: tracegw [global options] command');
      expect(h.exits).toEqual([2]);
    });

    it('lets failures of the gateway itself through to the entry point', async () => {
      h = harness();
      const boom = new Error('listen EADDRINUSE');
      await expect(runCli(['posix', 'data'], { startGateway: () => Promise.reject(boom) }, { io: h.io })).rejects.toBe(boom);
      expect(h.exits).toEqual([]);
    });
  });

  describe('--help', () => {
    it('lists every global option with its variables, and exits 0', async () => {
      h = harness();
      await h.run('--help');
      expect(h.exits).toEqual([0]);
      const help = h.stdout();
      for (const spec of OPTION_SPECS.filter((s) => s.scope === 'global')) {
        expect(help).toContain(spec.long);
        for (const envName of spec.env) expect(help).toContain(envName);
      }
      expect(help).toContain('posix');
      expect(help).toContain('--version');
    });

    it('lists every posix option under `posix --help`', async () => {
      h = harness();
      await h.run('posix', '--help');
      expect(h.exits).toEqual([0]);
      const help = h.stdout();
      expect(help).toContain('Usage: tracegw posix [options] <DIR>');
      for (const spec of OPTION_SPECS.filter((s) => s.scope === 'posix')) {
        expect(help).toContain(spec.long);
        for (const envName of spec.env) expect(help).toContain(envName);
      }
    });
  });

  it('prints the version and exits 0', async () => {
    h = harness();
    await h.run('--version');
    expect(h.stdout()).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(h.exits).toEqual([0]);
  });

  it('takes extra commands from registrars, with the same error handling', async () => {
    h = harness();
    const calls: string[] = [];
    const admin = (program: import('commander').Command) => {
      program
        .command('admin')
        .requiredOption('-a, --access <key>', 'admin access key')
        .action((options: { access: string }) => {
          calls.push(options.access);
        });
    };
    await runCli(['admin', '--access', 'adm'], h.handlers, { io: h.io, commands: [admin] });
    await runCli(['admin'], h.handlers, { io: h.io, commands: [admin] });
    expect(calls).toEqual(['adm']);
    expect(h.stderr()).toBe("tracegw: required option '-a, --access <key>' not specified\n");
    expect(h.exits).toEqual([2]);
  });

  it('keys every option by the attribute name commander derives from its flags (s3-prefixed for the s3 command, whose flags repeat global ones)', () => {
    for (const spec of OPTION_SPECS) {
      const option = new Option(spec.flags);
      const attribute = option.attributeName();
      expect(spec.key).toBe(spec.scope === 's3' ? `s3${attribute[0].toUpperCase()}${attribute.slice(1)}` : attribute);
      expect(option.long).toBe(spec.long);
      expect(option.isBoolean()).toBe(spec.kind === 'boolean');
    }
  });
});
