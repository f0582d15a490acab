import type { Command } from 'commander';
import { ConfigError } from '../../config/config-error';
import { parseBoolean } from '../../config/value-parsers';
import type { CliIo } from '../cli-io';
import type { AdminConnection } from './admin-client';

/** The `admin` command's own options, VersityGW's admin CLI flags and variables. */
const CONNECTION_OPTIONS = [
  { flags: '-a, --access <key>', key: 'access', env: ['ADMIN_ACCESS_KEY_ID', 'ADMIN_ACCESS_KEY'], help: 'admin access key id' },
  { flags: '-s, --secret <key>', key: 'secret', env: ['ADMIN_SECRET_ACCESS_KEY', 'ADMIN_SECRET_KEY'], help: 'admin secret access key' },
  { flags: '-r, --region <region>', key: 'region', env: ['ADMIN_REGION'], help: 'region the gateway signs for (default: us-east-1)' },
  { flags: '--er, --endpoint-url <url>', key: 'endpointUrl', env: ['ADMIN_ENDPOINT_URL'], help: 'gateway address, e.g. http://127.0.0.1:7070 (its S3 port or --admin-port)' },
  { flags: '--ai, --allow-insecure', key: 'allowInsecure', env: ['ADMIN_ALLOW_INSECURE'], help: 'do not verify the TLS certificate of the endpoint' },
] as const;

type OptionKey = (typeof CONNECTION_OPTIONS)[number]['key'];

export function addConnectionOptions(admin: Command): void {
  for (const option of CONNECTION_OPTIONS) admin.option(option.flags, `${option.help} [env: ${option.env.join(', ')}]`);
}

/** Flags over variables, as for the gateway's own options; a missing credential is a usage error. */
export function connectionOf(admin: Command, io: CliIo): AdminConnection {
  const flags = admin.opts<Partial<Record<OptionKey, string | boolean>>>();
  const text = (key: OptionKey): string | undefined => {
    const flag = flags[key];
    if (typeof flag === 'string') return flag;
    const spec = CONNECTION_OPTIONS.find((option) => option.key === key);
    for (const name of spec?.env ?? []) {
      const value = io.env[name];
      if (value !== undefined && value !== '') return value;
    }
    return undefined;
  };
  const required = (key: OptionKey, long: string): string => {
    const value = text(key);
    if (value === undefined) {
      const spec = CONNECTION_OPTIONS.find((option) => option.key === key);
      throw new ConfigError(`missing ${long} (${spec?.env.join(' or ')}): the admin API needs it`);
    }
    return value;
  };
  const endpoint = required('endpointUrl', '--endpoint-url');
  if (!/^https?:\/\/[^/\s]+\/?$/.test(endpoint)) {
    throw new ConfigError(`invalid --endpoint-url (ADMIN_ENDPOINT_URL) "${endpoint}": must be http(s)://host:port`);
  }
  let allowInsecure = flags.allowInsecure === true;
  const insecureText = text('allowInsecure');
  if (!allowInsecure && typeof insecureText === 'string') {
    const parsed = parseBoolean(insecureText);
    if (!parsed.ok) throw new ConfigError(`invalid --allow-insecure (ADMIN_ALLOW_INSECURE) "${insecureText}": ${parsed.reason}`);
    allowInsecure = parsed.value;
  }
  return {
    access: required('access', '--access'),
    secret: required('secret', '--secret'),
    region: text('region') ?? 'us-east-1',
    endpoint,
    allowInsecure,
  };
}
