import { S3Error } from '../../errors/s3-error';

/** AWS's MalformedPolicy, its message naming what is wrong (the reasons VersityGW gives, AWS's words). */
export function malformedPolicy(reason: string): S3Error {
  return new S3Error('MalformedPolicy', reason);
}
