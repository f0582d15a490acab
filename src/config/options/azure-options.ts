import type { OptionSpec } from '../option-spec';

/** The azure backend's own options, given after `azure`: VersityGW's azure subcommand (cmd/internal/gwcli/azure.go), its flags and its AZ_* variables. */
export const AZURE_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'account',
    flags: '-a, --account <name>',
    long: '--account',
    env: ['AZ_ACCOUNT_NAME'],
    kind: 'string',
    description: 'azure account name',
    scope: 'azure',
  },
  {
    key: 'accessKey',
    flags: '-k, --access-key <key>',
    long: '--access-key',
    env: ['AZ_ACCESS_KEY'],
    kind: 'string',
    description: 'azure account key',
    scope: 'azure',
    sensitive: true,
  },
  {
    key: 'sasToken',
    flags: '--sas-token <token>',
    long: '--sas-token',
    env: ['AZ_SAS_TOKEN'],
    kind: 'string',
    description: 'azure blob storage SAS token (instead of the account key)',
    scope: 'azure',
    sensitive: true,
  },
  {
    key: 'url',
    flags: '-u, --url <url>',
    long: '--url',
    env: ['AZ_ENDPOINT'],
    kind: 'string',
    defaultText: 'https://<account>.blob.core.windows.net/',
    description: 'azure service URL',
    scope: 'azure',
  },
];
