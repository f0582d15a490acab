import { ConfigError } from './config-error';
import type { S3ProxyBackendConfig } from './gateway-config';
import { optionSpec } from './option-specs';
import type { OptionReader } from './resolve-config';
import type { Parsed } from './value-parsers';

/** The upstream's URL: http(s) only, as the SDK takes it. */
function parseHttpUrl(text: string): Parsed<string> {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return { ok: true, value: text };
  } catch {
    // Reported below, as every unparsable value is.
  }
  return { ok: false, reason: 'must be a http(s):// URL' };
}

/** A region goes into the upstream's SigV4 scope, where '/' separates fields. */
function parseRegion(text: string): Parsed<string> {
  return /^[A-Za-z0-9._-]{1,64}$/.test(text) ? { ok: true, value: text } : { ok: false, reason: "must be 1 to 64 letters, digits, '.', '_' or '-'" };
}

/**
 * The s3 command's options, as VersityGW's s3proxy.New takes them: the upstream's access key and
 * secret both or neither (neither: the AWS SDK's default credential chain), no endpoint: AWS.
 */
export function resolveS3ProxyBackend(read: OptionReader): S3ProxyBackendConfig {
  const access = read.text('s3Access');
  const secret = read.text('s3Secret');
  if (access !== undefined && secret === undefined) throw ConfigError.missing(optionSpec('s3Secret'), 'the upstream access key was given without its secret');
  if (secret !== undefined && access === undefined) throw ConfigError.missing(optionSpec('s3Access'), 'the upstream secret was given without its access key');
  const endpoint = read.parsedOptional('s3Endpoint', parseHttpUrl);
  const metaBucket = read.text('s3MetaBucket');
  return {
    type: 's3proxy',
    ...(access !== undefined && secret !== undefined ? { access, secret } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
    region: read.parsed('s3Region', parseRegion),
    usePathStyle: read.boolean('s3UsePathStyle'),
    disableChecksum: read.boolean('s3DisableChecksum'),
    ...(metaBucket !== undefined ? { metaBucket } : {}),
  };
}
