import { Inject, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { OperationHistory } from '../../journal/history/operation-history';
import type { HistoryWriterStats } from '../../journal/history/history-writer';
import { AdminError } from '../admin-error';
import { ADMIN_ROUTES } from '../admin-routes';
import { OPERATION_HISTORY } from '../admin.tokens';
import { AdminController } from '../http/admin-controller.decorator';
import { AdminRoute } from '../http/admin-route.decorator';
import { queryOf, validated } from '../http/validated';
import { decodeCursor, encodeCursor } from './operation-cursor';
import { operationView, type OperationView } from './operation-view';
import { DEFAULT_PAGE, ListOperationsQuery, operationFilterOf, OperationIdQuery, TimeWindowQuery } from './operations-query.dto';
import { summaryView, type SummaryView } from './summary-view';

/** Without `from`, a summary covers the last hour. */
const DEFAULT_SUMMARY_WINDOW_MS = 3_600_000;

/**
 * "Who did what, when, and how did it go": the operation history, newest first. Each read first
 * writes what the batch writer still holds, so a request that has been answered is always visible.
 */
@AdminController()
export class HistoryAdminController {
  constructor(@Inject(OPERATION_HISTORY) private readonly history: OperationHistory) {}

  @AdminRoute(ADMIN_ROUTES.listOperations)
  listOperations(@Req() request: FastifyRequest): { operations: OperationView[]; nextCursor: string | null } {
    const query = validated(ListOperationsQuery, queryOf(request.raw.url), 'parameter');
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    this.history.writer.flush();
    // One row more than asked tells whether another page exists without a count.
    const rows = this.history.repository.list(operationFilterOf(query), { after, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return { operations: page.map(operationView), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  @AdminRoute(ADMIN_ROUTES.getOperation)
  getOperation(@Req() request: FastifyRequest): { operation: OperationView } {
    const { id } = validated(OperationIdQuery, queryOf(request.raw.url), 'parameter');
    this.history.writer.flush();
    const row = this.history.repository.find(id);
    if (!row) throw new AdminError('NoSuchOperation', `no operation ${id} in the history (never recorded, or pruned)`);
    return { operation: operationView(row) };
  }

  @AdminRoute(ADMIN_ROUTES.operationsSummary)
  summary(@Req() request: FastifyRequest): SummaryView & { history: HistoryWriterStats } {
    const query = validated(TimeWindowQuery, queryOf(request.raw.url), 'parameter');
    const to = query.to ?? Date.now();
    const from = query.from ?? to - DEFAULT_SUMMARY_WINDOW_MS;
    if (from >= to) throw AdminError.invalidParameter('from', 'from must be earlier than to');
    this.history.writer.flush();
    return { ...summaryView(this.history.summary.summarize({ from, to })), history: this.history.writer.stats() };
  }
}
