import type { QueryLookup } from '../../../request/request-query';
import { invalidArgument } from '../../errors/s3-error';

/** ?versionId= of an object request: absent for the latest version; empty is refused, as AWS does. */
export function readVersionIdQuery(query: QueryLookup): { versionId?: string } {
  const versionId = query.get('versionId');
  if (versionId === null) return {};
  if (versionId === '') throw invalidArgument('Version id cannot be the empty string', 'versionId', '');
  return { versionId };
}
