import type { CommandRegistrar } from '../program';
import { adminCliContext } from './admin-cli-context';
import { addConnectionOptions, connectionOf } from './admin-options';
import { addBucketCommands } from './bucket-commands';
import { addHistoryCommands } from './history-commands';
import { addIamCommands } from './iam-commands';
import { addJournalCommands } from './journal-commands';
import { addMultipartCommand } from './multipart-command';
import { addVersionsCommand } from './versions-command';

/**
 * `tracegw admin [--access --secret --endpoint-url] <subcommand>`: VersityGW's admin CLI, plus the
 * operation history, multipart, versions and journal subcommands. Connection options go before the
 * subcommand (create-user has an --access of its own, the new user's).
 */
export const registerAdminCommands: CommandRegistrar = (program, io) => {
  const admin = program
    .command('admin')
    .summary('admin CLI tool')
    .description('Admin CLI tool for interacting with admin APIs: accounts, bucket owners, operation history, multipart uploads, object versions, projections.')
    .enablePositionalOptions();
  addConnectionOptions(admin);
  const context = adminCliContext(io, () => connectionOf(admin, io));
  addIamCommands(admin, context);
  addBucketCommands(admin, context);
  addHistoryCommands(admin, context);
  addMultipartCommand(admin, context);
  addVersionsCommand(admin, context);
  addJournalCommands(admin, context);
};
