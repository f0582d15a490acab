import { IsOptional, IsUrl, Matches, Max, Min, validateSync } from 'class-validator';
import type { OptionKey } from './option-specs';

/**
 * The option values whose rules are declarative, after conversion from text. Rules that need
 * several options at once, or the file system, are explicit checks in resolve-config.ts.
 * Property names are option keys, so a failure maps straight back to its flag and variables.
 */
export class GatewayOptions {
  // Goes into the SigV4 credential scope, where '/' separates fields.
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: "must be 1 to 64 letters, digits, '.', '_' or '-'" })
  region = '';

  // Printable ASCII without '/' and ',', which delimit the SigV4 Credential header field.
  @IsOptional()
  @Matches(/^[\x21-\x2b\x2d\x2e\x30-\x7e]{1,128}$/, {
    message: "must be 1 to 128 printable ASCII characters other than '/' and ','",
  })
  access?: string;

  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,128}$/, { message: 'must be 1 to 128 printable ASCII characters without spaces' })
  secret?: string;

  @Matches(/^(https?:\/\/\S+|(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5})$/, {
    message: 'must be <host>:<port> or a http(s):// URL',
  })
  otelEndpoint = '';

  @Matches(/\S/, { message: 'must not be empty' })
  otelServiceName = '';

  @Matches(/\S/, { message: 'must not be empty' })
  otelEnvironment = '';

  @Min(0, { message: 'must be between 0.0 and 1.0' })
  @Max(1, { message: 'must be between 0.0 and 1.0' })
  otelSampleRate = 1;

  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be a http(s) URL' },
  )
  sentryDsn?: string;
}

export interface OptionViolation {
  readonly key: OptionKey;
  readonly reason: string;
}

/** The first broken rule, or undefined: start-up reports one problem at a time. */
export function firstViolation(options: GatewayOptions): OptionViolation | undefined {
  const [error] = validateSync(options, { stopAtFirstError: true, forbidUnknownValues: true });
  if (!error) return undefined;
  const reason = Object.values(error.constraints ?? {})[0] ?? 'is not valid';
  return { key: error.property as OptionKey, reason };
}
