import type { IncomingHttpHeaders } from 'node:http';
import { invalidArgument } from '../../errors/s3-error';
import { headerValue } from '../headers/header-value';
import { checkTags } from './tag-rules';

/**
 * x-amz-tagging (PutObject, CreateMultipartUpload, CopyObject): URL-encoded `k=v&k2=v2`, no key
 * twice (InvalidArgument, as AWS words it for the header), then S3's tag rules.
 */
export function readTaggingHeader(headers: IncomingHttpHeaders): Record<string, string> | undefined {
  const raw = headerValue(headers, 'x-amz-tagging');
  if (raw === undefined || raw === '') return undefined;
  const pairs = [...new URLSearchParams(raw)];
  if (new Set(pairs.map(([key]) => key)).size !== pairs.length) {
    throw invalidArgument(
      "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
      'x-amz-tagging',
      raw,
    );
  }
  return checkTags(pairs);
}
