import type { IncomingHttpHeaders } from 'node:http';
import type { Account } from '../../iam/account';
import type { QueryLookup } from '../../request/request-query';
import type { S3Resource } from '../../request/request-target';
import type { AuthMethod } from '../auth/auth.types';
import type { S3Operation } from '../s3-operations';

/** What the access check knows of one request: who, what, on what, and the facts conditions read. */
export interface AccessRequest {
  operation: S3Operation;
  resource: S3Resource;
  /** Undefined: an anonymous (unsigned) request. */
  account: Account | undefined;
  /** How it was signed (s3:authType, s3:signatureversion): the auth span's auth.method. */
  authMethod: AuthMethod;
  sourceIp: string;
  /** Whether it came over TLS (aws:SecureTransport). */
  secureTransport: boolean;
  headers: IncomingHttpHeaders;
  query: QueryLookup;
}
