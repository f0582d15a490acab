import { runCli, type CliIo } from '../../../src/cli';
import { registerAdminCommands } from '../../../src/cli/admin/admin-command';

/** `tracegw admin ...` in process, against a real gateway: output collected, exits recorded. */
export function cli(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const exits: number[] = [];
  const io: CliIo = { env, cwd: process.cwd(), writeOut: (t) => out.push(t), writeErr: (t) => err.push(t), exit: (c) => exits.push(c) };
  return {
    exits,
    stdout: () => out.join(''),
    stderr: () => err.join(''),
    run: (...argv: string[]) => runCli(argv, { startGateway: () => Promise.reject(new Error('not here')) }, { io, commands: [registerAdminCommands] }),
  };
}
