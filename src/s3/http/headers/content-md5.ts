import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from '../../errors/s3-error';
import { headerValue } from './header-value';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** The decoded Content-MD5, or undefined when absent; InvalidDigest unless it is base64 of 16 bytes. */
export function readContentMd5(headers: IncomingHttpHeaders): Buffer | undefined {
  const value = headerValue(headers, 'content-md5');
  if (value === undefined) return undefined;
  const digest = BASE64.test(value) ? Buffer.from(value, 'base64') : Buffer.alloc(0);
  if (digest.length !== 16) throw new S3Error('InvalidDigest');
  return digest;
}
