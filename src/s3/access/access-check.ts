import { Inject, Injectable } from '@nestjs/common';
import { BACKEND, Backend } from '../../backends/backend';
import type { Account } from '../../iam/account';
import type { S3Resource } from '../../request/request-target';
import { S3Error } from '../errors/s3-error';
import type { S3Operation } from '../s3-operations';

/** Operations any authenticated account may call without owning anything. */
const ACCOUNT_LEVEL: ReadonlySet<S3Operation> = new Set(['ListBuckets']);
/** Roles allowed to create buckets (VersityGW: plain users work only in buckets given to them). */
const BUCKET_CREATORS: ReadonlySet<Account['role']> = new Set(['admin', 'userplus']);

/**
 * Decides whether an account may run an operation on a resource, VersityGW's way: admin may do
 * anything; others act only in buckets they own. Runs before the command, so a refused request
 * changes nothing.
 */
@Injectable()
export class AccessCheck {
  constructor(@Inject(BACKEND) private readonly backend: Backend) {}

  async assertAllowed(operation: S3Operation, resource: S3Resource, account: Account | undefined): Promise<void> {
    // No anonymous access until bucket ACLs and policies exist to grant it.
    if (!account) throw new S3Error('AccessDenied');
    if (account.role === 'admin' || ACCOUNT_LEVEL.has(operation)) return;
    if (operation === 'CreateBucket') {
      if (!BUCKET_CREATORS.has(account.role)) throw new S3Error('AccessDenied');
      return;
    }
    if (resource.level === 'service') throw new S3Error('AccessDenied');
    // A missing bucket answers NoSuchBucket to everyone, as AWS does.
    const owner = await this.backend.bucketOwner({ bucket: resource.bucket });
    if (owner !== account.access) throw new S3Error('AccessDenied');
  }
}
