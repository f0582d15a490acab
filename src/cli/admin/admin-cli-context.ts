import { Command, InvalidArgumentError, Option } from 'commander';
import type { AdminRouteSpec } from '../../admin/admin-routes';
import type { CliIo } from '../cli-io';
import { callAdmin, type AdminCallOptions, type AdminConnection } from './admin-client';

/** What every admin subcommand needs: the io, and a signed call to the gateway. */
export interface AdminCliContext {
  readonly io: CliIo;
  call(route: AdminRouteSpec, options?: AdminCallOptions): Promise<unknown>;
}

export function adminCliContext(io: CliIo, connection: () => AdminConnection): AdminCliContext {
  return { io, call: (route, options) => callAdmin(connection(), route, options) };
}

/** Adds a subcommand with `--json`; its action gets the options and prints either the JSON or what `human` makes of it. */
export function subcommand<Options extends object, Answer>(
  admin: Command,
  context: AdminCliContext,
  name: string,
  summary: string,
  configure: (command: Command) => void,
  run: (options: Options) => Promise<Answer>,
  human: (answer: Answer) => string,
): void {
  const command = admin.command(name).summary(summary).description(summary);
  configure(command);
  command.option('--json', 'print the JSON answer unchanged, for scripts');
  command.action(async (options: Options & { json?: boolean }) => {
    const answer = await run(options);
    context.io.writeOut(options.json ? `${JSON.stringify(answer, null, 2)}\n` : human(answer));
  });
}

/** A non-negative whole-number option (user and group ids). */
export function idOption(flags: string, description: string): Option {
  return new Option(flags, description).argParser((value: string) => {
    if (!/^\d{1,15}$/.test(value)) throw new InvalidArgumentError('must be a non-negative whole number');
    return Number(value);
  });
}
