import { Command, Option } from 'commander';
import {
  OPTION_SPECS,
  helpDescription,
  resolveGatewayConfig,
  type ConfigNotes,
  type FlagValues,
  type GatewayConfig,
  type OptionSpec,
} from '../config';
import { packageVersion } from '../package-version';
import { processIo, type CliIo } from './cli-io';

export interface GatewayHandlers {
  /** Runs the gateway; the entry point wires the real server, tests capture the config. */
  startGateway(config: GatewayConfig, notes: ConfigNotes): Promise<void>;
}

/**
 * Adds commands (e.g. `admin ...`) to the program, with the same io as the built-in ones.
 * Create them with `program.command()`, which copies exitOverride and the output settings;
 * a command built apart and added with addCommand() needs copyInheritedSettings(program), or
 * its errors would exit the process with commander's own code and text.
 */
export type CommandRegistrar = (program: Command, io: CliIo) => void;

export interface ProgramOptions {
  readonly io?: CliIo;
  readonly commands?: readonly CommandRegistrar[];
}

// Commander wraps each line of a description to the terminal: one line per paragraph.
const POSIX_DESCRIPTION = [
  'Any posix file system that supports extended attributes. The top level directory for the gateway must be ' +
    'provided (it is created if missing). All sub-directories of the top level directory are treated as buckets, ' +
    'and all files/directories below the "bucket directory" are treated as the objects. The object name is split ' +
    'on "/" separator to translate to posix storage. For example:',
  '  top level: /mnt/fs/gwroot',
  '  bucket: mybucket',
  '  object: a/b/c/myobject',
  'will be translated into the file /mnt/fs/gwroot/mybucket/a/b/c/myobject',
].join('\n');

const AZURE_DESCRIPTION = [
  'Direct translation from s3 objects to azure blobs: every container of the storage account is a bucket, every block blob ' +
    'an object named by its key. The journal and the root credentials are kept in .tracegw under the current directory.',
].join('\n');

const S3_DESCRIPTION = 'This runs the gateway like an s3 proxy redirecting requests to an s3 storage backend service.';

const SCOUTFS_DESCRIPTION = [
  'Support for ScoutFS. The top level directory for the gateway must be provided; buckets and objects are laid out ' +
    'as with the posix backend.',
  'CompleteMultipartUpload moves the parts\' blocks into the object with ScoutFS\'s move-blocks ioctl instead of ' +
    'copying them; on any other file system the parts are copied in user space.',
].join('\n');

/** The commands that serve a directory tree: `<command> [options] DIR`. */
const DIRECTORY_BACKENDS = [
  ['posix', 'posix filesystem storage backend', POSIX_DESCRIPTION],
  ['scoutfs', 'scoutfs filesystem storage backend', SCOUTFS_DESCRIPTION],
] as const;

/**
 * `tracegw [global options] posix|scoutfs [options] DIR`, `... azure [azure options]` and `... s3 [s3 options]`, VersityGW's command line. Commander
 * never exits the process itself: its errors surface as CommanderError for runCli to map.
 */
export function buildProgram(handlers: GatewayHandlers, options: ProgramOptions = {}): Command {
  const io = options.io ?? processIo();
  const program = new Command('tracegw')
    .description('Start S3 gateway service with specified backend storage.')
    .usage('[global options] command [command options] [arguments...]')
    // Global options go before the command, as with VersityGW, so a command (admin) may
    // reuse a global flag name such as --access for its own meaning.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.writeOut(text),
      writeErr: (text) => io.writeErr(text),
      // Commander puts suggestions on a second line; the contract is one line per error.
      outputError: (text, write) => write(`tracegw: ${text.replace(/^error: /, '').trim().replace(/\s*\n\s*/g, ' ')}\n`),
    })
    .version(packageVersion(), '-v, --version', 'list tracegw version')
    .addHelpText('after', '\nEvery option can also be set by its environment variable; a flag wins over the variable.');
  addOptions(program, 'global');

  for (const [backend, summary, description] of DIRECTORY_BACKENDS) {
    const command = program.command(backend).summary(summary).description(description).argument('<DIR>', 'gateway root directory');
    // The scoutfs backend is the posix one plus block moves: the same options.
    addOptions(command, 'posix');
    command.action(async (dir: string, _options: unknown, self: Command) => {
      const { config, notes } = resolveGatewayConfig({
        flags: self.optsWithGlobals<FlagValues>(),
        env: io.env,
        cwd: io.cwd,
        dir,
        backend,
      });
      await handlers.startGateway(config, notes);
    });
  }

  const azure = program
    .command('azure')
    .summary('azure blob storage backend')
    .description(AZURE_DESCRIPTION);
  addOptions(azure, 'azure');
  azure.action(async (_options: unknown, command: Command) => {
    const { config, notes } = resolveGatewayConfig({ flags: command.optsWithGlobals<FlagValues>(), env: io.env, cwd: io.cwd, backend: 'azure' });
    await handlers.startGateway(config, notes);
  });

  const s3 = program.command('s3').summary('s3 storage backend').description(S3_DESCRIPTION);
  // The s3 command's --access, --secret and --region are the upstream's, not the global ones of the same name.
  const s3Flags = addOptions(s3, 's3');
  s3.action(async (_options: unknown, command: Command) => {
    const { config, notes } = resolveGatewayConfig({ flags: { ...program.opts<FlagValues>(), ...s3Flags(command) }, env: io.env, cwd: io.cwd, backend: 's3proxy' });
    await handlers.startGateway(config, notes);
  });

  for (const register of options.commands ?? []) register(program, io);
  return program;
}

/**
 * Adds the scope's options to `command`. No commander defaults or env bindings: the resolver must
 * see only what the user typed, to apply flag > environment > default itself (commander knows one
 * variable per option, and treats any value of a boolean's variable as true). Returns what reads
 * the command's own flags by option key, for options whose key is not commander's name for them.
 */
function addOptions(command: Command, scope: OptionSpec['scope']): (parsed: Command) => FlagValues {
  const keys = new Map<string, OptionSpec['key']>();
  for (const spec of OPTION_SPECS) {
    if (spec.scope !== scope) continue;
    const option = new Option(spec.flags, helpDescription(spec));
    keys.set(option.attributeName(), spec.key);
    command.addOption(option);
  }
  return (parsed) => {
    const given = parsed.opts<Record<string, string | boolean | undefined>>();
    return Object.fromEntries([...keys].flatMap(([attribute, key]) => (given[attribute] === undefined ? [] : [[key, given[attribute]]])));
  };
}
