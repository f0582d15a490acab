import { ConfigError } from './config-error';
import type { AzureBackendConfig } from './gateway-config';
import { optionSpec } from './option-specs';
import type { OptionReader } from './resolve-config';
import type { Parsed } from './value-parsers';

/** The service URL with one trailing `/`, or why it is no URL the SDK can use. */
function serviceUrlOf(text: string): Parsed<string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'must be a http(s) URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'must be a http(s) URL' };
  if (url.search !== '') return { ok: false, reason: `must not carry a query: give a SAS token with ${optionSpec('sasToken').long}` };
  return { ok: true, value: url.href.endsWith('/') ? url.href : `${url.href}/` };
}

/**
 * The azure command's options, as VersityGW's azure.New reads them: a SAS token wins over the
 * account key; without --url the account's public endpoint is used. Either a SAS token or both
 * account and key must be given (VersityGW's last resort, Azure's default credential chain, is not
 * offered: its identity libraries would come with it).
 */
export function resolveAzureBackend(read: OptionReader): AzureBackendConfig {
  const account = read.text('account');
  const accountKey = read.text('accessKey');
  const sasToken = read.text('sasToken')?.replace(/^\?/, '');
  const urlText = read.text('url');
  let serviceUrl: string;
  if (urlText !== undefined) {
    serviceUrl = read.parsed('url', serviceUrlOf);
  } else if (account !== undefined) {
    serviceUrl = `https://${account}.blob.core.windows.net/`;
  } else {
    throw ConfigError.missing(optionSpec('url'), `give the service URL, or ${optionSpec('account').long} to use the account's public endpoint`);
  }
  if (sasToken !== undefined) return { type: 'azure', serviceUrl, sasToken, ...(account !== undefined ? { account } : {}) };
  if (account === undefined) throw ConfigError.missing(optionSpec('account'), `needed with ${optionSpec('accessKey').long} (or give ${optionSpec('sasToken').long})`);
  if (accountKey === undefined) throw ConfigError.missing(optionSpec('accessKey'), `needed with ${optionSpec('account').long} (or give ${optionSpec('sasToken').long})`);
  return { type: 'azure', serviceUrl, account, accountKey };
}
