import { Inject, Injectable } from '@nestjs/common';
import { BACKEND, Backend, type BucketAccessChange } from '../../backends/backend';
import { IAM_STORE, type IamStore } from '../../iam/iam.port';
import { ACCESS_JOURNAL, type AccessJournal } from '../../s3/access/access-journal';
import { BucketAccessStates } from '../../s3/access/bucket-access-states';
import type { S3Command } from '../s3-command';

/** DI token of the port the access settings' handlers work with (see accessHandler). */
export const ACCESS_SETTINGS = Symbol('AccessSettings');

/** What the handlers of access settings work with: storage, the cached states, the journal, the accounts. */
@Injectable()
export class AccessSettings {
  constructor(
    @Inject(BACKEND) readonly backend: Backend,
    /** The cached access states: read for the bucket's settings. */
    readonly states: BucketAccessStates,
    @Inject(ACCESS_JOURNAL) readonly journal: AccessJournal,
    @Inject(IAM_STORE) readonly iam: IamStore,
  ) {}

  /**
   * Writes one access setting, then records the change in the journal: storage first, so the journal never records what did not happen.
   */
  async change(bucket: string, change: BucketAccessChange, { context }: S3Command<unknown>): Promise<void> {
    // The backend forgets the bucket's cached configuration itself (BackendBase.changingBucket).
    await this.backend.changeBucketAccess({ bucket, change });
    this.journal.bucketChanged(bucket, change, context.account?.access, context.traceId);
  }
}
