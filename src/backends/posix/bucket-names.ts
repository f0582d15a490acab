import { promises as fsp } from 'node:fs';

/**
 * AWS's general-purpose bucket naming rules, used to tell buckets from other top-level entries of
 * the root (such as `.tracegw`): 3-63 characters of lower-case letters, digits, dots and hyphens,
 * starting and ending with a letter or digit, no `..`, and not shaped like an IPv4 address.
 */
export function isValidBucketName(name: string): boolean {
  return (
    name.length >= 3 &&
    name.length <= 63 &&
    /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^\d{1,3}(\.\d{1,3}){3}$/.test(name)
  );
}

/** The buckets' names: top-level directories with valid bucket names (not `.tracegw`). */
export async function bucketNames(root: string): Promise<string[]> {
  const entries = await fsp.readdir(root, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && isValidBucketName(e.name))
    .map((e) => e.name)
    .sort();
}
