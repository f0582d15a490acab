import { Inject, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { BACKEND, Backend } from '../../backends/backend';
import { IAM_STORE, IamError, IamStore } from '../../iam/iam.port';
import type { EventStore } from '../../journal/event-store';
import { ADMIN_ROUTES } from '../admin-routes';
import { EVENT_STORE } from '../admin.tokens';
import { AdminController } from '../http/admin-controller.decorator';
import { AdminRoute } from '../http/admin-route.decorator';
import { queryOf, refuseParameters, validated } from '../http/validated';
import { bucketOwnerChanged, type BucketOwnerChangedData } from './bucket-owner-events';
import { ChangeBucketOwnerQuery } from './bucket-owner.dto';
import type { BucketView } from './bucket-view';

/** Buckets and their owners, as VersityGW's admin API has them. */
@AdminController()
export class BucketAdminController {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    @Inject(IAM_STORE) private readonly iam: IamStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  /**
   * The storage changes first and the event records it after: the log may miss a change only if
   * the journal fails right then, and never records one that did not happen.
   */
  @AdminRoute(ADMIN_ROUTES.changeBucketOwner)
  async changeBucketOwner(@Req() request: FastifyRequest): Promise<BucketOwnerChangedData> {
    const { bucket, owner } = validated(ChangeBucketOwnerQuery, queryOf(request.raw.url), 'parameter');
    if (!this.iam.getAccount(owner)) throw new IamError('NoSuchAccount', `account ${owner} does not exist`);
    const { owner: previousOwner } = await this.backend.headBucket({ bucket });
    // The access check sees the new owner at the next request: the backend forgets what it cached.
    await this.backend.changeBucketOwner({ bucket, owner });
    const data = { bucket, owner, previousOwner };
    this.events.append(bucketOwnerChanged(data, request.s3.traceId));
    return data;
  }

  @AdminRoute(ADMIN_ROUTES.listBuckets)
  async listBuckets(@Req() request: FastifyRequest): Promise<{ buckets: BucketView[] }> {
    refuseParameters(queryOf(request.raw.url));
    const buckets = await this.backend.listBuckets();
    return { buckets: buckets.map(({ name, owner, creationDate }) => ({ name, owner, creationDate: creationDate.toISOString() })) };
  }
}
