/** ETags travel quoted in HTTP and in VersityGW's `user.etag`, but the Backend port carries them bare. */
export function unquoteEtag(etag: string): string {
  const trimmed = etag.trim();
  const unweak = trimmed.startsWith('W/') ? trimmed.slice(2) : trimmed;
  return unweak.length >= 2 && unweak.startsWith('"') && unweak.endsWith('"') ? unweak.slice(1, -1) : unweak;
}

export function quoteEtag(etag: string): string {
  return `"${unquoteEtag(etag)}"`;
}

/**
 * True when an If-Match / If-None-Match header value names this ETag. The header may be `*` or a
 * comma-separated list of (possibly weak) entity tags; S3 compares them as strong tags.
 */
export function etagHeaderMatches(header: string, etag: string): boolean {
  const wanted = unquoteEtag(etag);
  return header.split(',').some((candidate) => {
    const value = candidate.trim();
    return value === '*' || (value !== '' && unquoteEtag(value) === wanted);
  });
}
