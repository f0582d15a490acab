import { CommanderError } from 'commander';
import { ConfigError } from '../config';
import { processIo, USAGE_EXIT_CODE } from './cli-io';
import { buildProgram, type GatewayHandlers, type ProgramOptions } from './program';

/**
 * Parses `argv` (the arguments after the program name) and runs the chosen command. Usage and
 * configuration errors print one line and exit 2; --help and --version exit 0; any other
 * failure is rethrown for the entry point, which has the logger.
 */
export async function runCli(
  argv: readonly string[],
  handlers: GatewayHandlers,
  options: ProgramOptions = {},
): Promise<void> {
  const io = options.io ?? processIo();
  const program = buildProgram(handlers, { io, commands: options.commands });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander has already written its message (or the help text) through io.
      io.exit(err.exitCode === 0 ? 0 : USAGE_EXIT_CODE);
      return;
    }
    if (err instanceof ConfigError) {
      io.writeErr(`tracegw: ${err.message}\n`);
      io.exit(USAGE_EXIT_CODE);
      return;
    }
    throw err;
  }
}
