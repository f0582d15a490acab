import { Inject, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { EventStore, RebuildReport } from '../../journal/event-store';
import { ADMIN_ROUTES } from '../admin-routes';
import { EVENT_STORE } from '../admin.tokens';
import { AdminController } from '../http/admin-controller.decorator';
import { AdminRoute } from '../http/admin-route.decorator';
import { queryOf, refuseParameters } from '../http/validated';

/**
 * Rebuilds every projection (accounts, multipart uploads) from the append-only events, inside the
 * running gateway: one transaction, so requests see the old state or the rebuilt one, and the
 * in-memory caches reload after it commits.
 */
@AdminController()
export class JournalAdminController {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  @AdminRoute(ADMIN_ROUTES.rebuildProjections)
  rebuildProjections(@Req() request: FastifyRequest): RebuildReport {
    refuseParameters(queryOf(request.raw.url));
    return this.events.rebuildProjections();
  }
}
