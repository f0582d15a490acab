import { S3Error } from '../../../s3/errors/s3-error';

const SHAPE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IP_ADDRESS = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
// AWS reserves these for access points, Object Lambda and S3 Express.
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '--x-s3', '.mrap'];

/** AWS's general-purpose bucket naming rules; InvalidBucketName names the rule that failed. */
export function assertValidBucketName(name: string): void {
  const fail = (why: string): never => {
    throw new S3Error('InvalidBucketName', `The specified bucket is not valid: ${why}`, { BucketName: name });
  };
  if (name.length < 3 || name.length > 63) fail('bucket names must be between 3 and 63 characters long');
  if (!SHAPE.test(name)) fail('use lowercase letters, digits, dots and hyphens, beginning and ending with a letter or digit');
  if (name.includes('..')) fail('bucket names must not contain two adjacent periods');
  if (IP_ADDRESS.test(name)) fail('bucket names must not be formatted as an IP address');
  if (RESERVED_PREFIXES.some((p) => name.startsWith(p))) fail('bucket names must not start with a reserved prefix');
  if (RESERVED_SUFFIXES.some((s) => name.endsWith(s))) fail('bucket names must not end with a reserved suffix');
}
