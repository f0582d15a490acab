import type { OptionKey, OptionSpec } from './option-spec';
import { SERVER_OPTIONS } from './options/server-options';
import { TRACING_OPTIONS } from './options/tracing-options';
import { POSIX_OPTIONS } from './options/posix-options';
import { REQUEST_OPTIONS } from './options/request-options';
import { AZURE_OPTIONS } from './options/azure-options';
import { S3PROXY_OPTIONS } from './options/s3proxy-options';

export type { OptionKey, OptionSpec } from './option-spec';

/** Every option, in the order of the help text and docs/configuration.md. */
export const OPTION_SPECS: readonly OptionSpec[] = [...SERVER_OPTIONS, ...TRACING_OPTIONS, ...POSIX_OPTIONS, ...REQUEST_OPTIONS, ...AZURE_OPTIONS, ...S3PROXY_OPTIONS];

const BY_KEY = new Map(OPTION_SPECS.map((spec) => [spec.key, spec]));

export function optionSpec(key: OptionKey): OptionSpec {
  const spec = BY_KEY.get(key);
  if (!spec) throw new Error(`no option spec for ${key}`);
  return spec;
}

/** Help text of one option: its description, then where else it can come from. */
export function helpDescription(spec: OptionSpec): string {
  const extras = [`env: ${spec.env.join(', ')}`];
  const shownDefault = spec.defaultText ?? spec.defaultValue;
  if (shownDefault !== undefined) extras.push(`default: ${shownDefault}`);
  return `${spec.description} [${extras.join('; ')}]`;
}
