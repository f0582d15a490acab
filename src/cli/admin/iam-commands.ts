import { Option, type Command } from 'commander';
import { ADMIN_ROUTES } from '../../admin/admin-routes';
import type { AccountView } from '../../admin/iam/account.dto';
import { ROLES } from '../../iam/account';
import { idOption, subcommand, type AdminCliContext } from './admin-cli-context';
import { formatRecord, formatTable } from './table';

interface AccountOptions {
  access: string;
  secret?: string;
  role?: string;
  userId?: number;
  groupId?: number;
  projectId?: number;
}

function addAccountFields(command: Command, required: boolean): void {
  const role = new Option('-r, --role <role>', `role: ${ROLES.join(', ')}`);
  command
    .requiredOption('-a, --access <key>', required ? 'access key id of the new user' : 'access key id of the user')
    .addOption(required ? role.makeOptionMandatory() : role)
    .addOption(idOption('--ui, --user-id <id>', 'POSIX user id kept with the account'))
    .addOption(idOption('--gi, --group-id <id>', 'POSIX group id kept with the account'))
    .addOption(idOption('--pi, --project-id <id>', 'project id kept with the account'));
  if (required) command.requiredOption('-s, --secret <key>', 'secret access key of the new user');
  else command.option('-s, --secret <key>', 'new secret access key');
}

const showAccount = ({ account }: { account: AccountView }): string =>
  formatRecord([
    ['access', account.access],
    ['role', account.role],
    ['user id', account.userId],
    ['group id', account.groupId],
    ['project id', account.projectId],
  ]);

/** create-user, update-user, delete-user, list-users: VersityGW's names and flags. */
export function addIamCommands(admin: Command, context: AdminCliContext): void {
  subcommand<AccountOptions, { account: AccountView }>(
    admin,
    context,
    'create-user',
    'Create a new user',
    (command) => addAccountFields(command, true),
    ({ access, secret, role, userId, groupId, projectId }) =>
      context.call(ADMIN_ROUTES.createUser, { body: { access, secret, role, userId, groupId, projectId } }) as Promise<{ account: AccountView }>,
    showAccount,
  );
  subcommand<AccountOptions, { account: AccountView }>(
    admin,
    context,
    'update-user',
    'Update a user account (only the fields given change)',
    (command) => addAccountFields(command, false),
    ({ access, secret, role, userId, groupId, projectId }) =>
      context.call(ADMIN_ROUTES.updateUser, { query: { access }, body: { secret, role, userId, groupId, projectId } }) as Promise<{
        account: AccountView;
      }>,
    showAccount,
  );
  subcommand<{ access: string }, { deleted: string }>(
    admin,
    context,
    'delete-user',
    'Delete a user',
    (command) => command.requiredOption('-a, --access <key>', 'access key id of the user to delete'),
    ({ access }) => context.call(ADMIN_ROUTES.deleteUser, { query: { access } }) as Promise<{ deleted: string }>,
    ({ deleted }) => `deleted ${deleted}\n`,
  );
  subcommand<object, { accounts: AccountView[] }>(
    admin,
    context,
    'list-users',
    'List all the gateway users (root excepted)',
    () => undefined,
    () => context.call(ADMIN_ROUTES.listUsers) as Promise<{ accounts: AccountView[] }>,
    ({ accounts }) =>
      formatTable(
        [
          { heading: 'Account', cell: (a: AccountView) => a.access },
          { heading: 'Role', cell: (a) => a.role },
          { heading: 'UserID', cell: (a) => a.userId, align: 'right' },
          { heading: 'GroupID', cell: (a) => a.groupId, align: 'right' },
          { heading: 'ProjectID', cell: (a) => a.projectId, align: 'right' },
        ],
        accounts,
      ),
  );
}
