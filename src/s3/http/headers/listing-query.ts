import type { QueryLookup } from '../../../request/request-query';
import { invalidArgument } from '../../errors/s3-error';

/** AWS returns at most 1,000 entries per listing page, whatever the client asks for. */
export const MAX_LIST_KEYS = 1000;

/** max-keys: a non-negative integer, capped at 1,000, default 1,000 (max-uploads and max-parts: readLimit). */
function readMaxKeys(query: QueryLookup): number {
  const raw = query.get('max-keys');
  if (raw === null || raw === '') return MAX_LIST_KEYS;
  if (!/^\d+$/.test(raw)) throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', raw);
  return Math.min(Number(raw), MAX_LIST_KEYS);
}

export function readEncodingType(query: QueryLookup): 'url' | undefined {
  const raw = query.get('encoding-type');
  if (raw === null) return undefined;
  if (raw.toLowerCase() !== 'url') throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', raw);
  return 'url';
}

/** The parameters every listing shares. */
export function readListingQuery(query: QueryLookup) {
  return {
    prefix: query.get('prefix') ?? '',
    delimiter: query.get('delimiter') ?? '',
    maxKeys: readMaxKeys(query),
    encodingType: readEncodingType(query),
  };
}
