/**
 * Virtual-hosted-style addressing (--virtual-domain): the bucket of `<bucket>.<domain>[:port]`, or
 * undefined for any other Host (the domain itself, an IP address, another name), which is then
 * read path-style. Bucket names with dots work: everything before `.<domain>` is the bucket.
 * Only called when a domain is configured, so path-style gateways never look at the Host.
 */
export function virtualHostBucket(host: string | undefined, domain: string): string | undefined {
  if (host === undefined) return undefined;
  const colon = host.lastIndexOf(':');
  // '[::1]:7070' has colons inside its brackets; a bucket host never has brackets.
  const name = (colon >= 0 && !host.includes(']') ? host.slice(0, colon) : host).toLowerCase();
  const bucketLength = name.length - domain.length - 1;
  if (bucketLength <= 0 || !name.endsWith(domain) || name.charCodeAt(bucketLength) !== DOT) return undefined;
  return name.slice(0, bucketLength);
}

const DOT = 0x2e;
