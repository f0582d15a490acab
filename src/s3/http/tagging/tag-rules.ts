import { S3Error } from '../../errors/s3-error';

/** S3's limits on tags: 10 on an object, 50 on a bucket, over which it answers BadRequest. */
const TOO_MANY = {
  object: { max: 10, message: 'Object tags cannot be greater than 10' },
  bucket: { max: 50, message: 'Bucket tag count cannot be greater than 50' },
} as const;
const MAX_KEY_CHARS = 128;
const MAX_VALUE_CHARS = 256;
/** Letters, digits and spaces of any script, and + - = . _ : / @: what S3 accepts in tags. */
const TAG_TEXT = /^[\p{L}\p{N}\p{Zs}+\-=._:/@]*$/u;

/**
 * Checks a tag set against S3's rules and returns it as a map: AWS's codes and words for each
 * breach (BadRequest for too many, InvalidTag for the rest).
 */
export function checkTags(pairs: ReadonlyArray<readonly [key: string, value: string]>, of: keyof typeof TOO_MANY = 'object'): Record<string, string> {
  if (pairs.length > TOO_MANY[of].max) throw new S3Error('BadRequest', TOO_MANY[of].message);
  const tags: Record<string, string> = {};
  for (const [key, value] of pairs) {
    if (key === '' || [...key].length > MAX_KEY_CHARS || !TAG_TEXT.test(key)) throw new S3Error('InvalidTag', 'The TagKey you have provided is invalid');
    if ([...value].length > MAX_VALUE_CHARS || !TAG_TEXT.test(value)) throw new S3Error('InvalidTag', 'The TagValue you have provided is invalid');
    if (key.toLowerCase().startsWith('aws:')) throw new S3Error('InvalidTag', 'Your TagKey cannot be prefixed with aws:');
    if (Object.prototype.hasOwnProperty.call(tags, key)) throw new S3Error('InvalidTag', 'Cannot provide multiple Tags with the same key');
    tags[key] = value;
  }
  return tags;
}
