import type { JournalDatabase } from '../journal-database';
import { HistoryPruner, type HistoryRetention } from './history-pruner';
import { HistoryRepository } from './history.repository';
import { HistorySummaryQuery } from './history-summary';
import { HistoryWriter, type HistoryLog, type HistoryWriterOptions } from './history-writer';
import { segmentLimitsFor } from './segment-limits';

/** The operation history as the gateway runs it: written in batches, pruned in the background, queried by the admin API. */
export interface OperationHistory {
  readonly writer: HistoryWriter;
  readonly repository: HistoryRepository;
  readonly summary: HistorySummaryQuery;
  readonly pruner: HistoryPruner;
  /** After the last request: stops pruning and writes every queued row. */
  close(): Promise<void>;
}

export interface OperationHistoryOptions {
  retention: HistoryRetention;
  log?: HistoryLog;
  writer?: HistoryWriterOptions;
  /** False in a cluster worker: the primary prunes for every process of the journal. */
  prune?: boolean;
}

export function openOperationHistory(journal: JournalDatabase, options: OperationHistoryOptions): OperationHistory {
  // Segments sized from the retention: a worker opens segments too, with the same configuration.
  const repository = new HistoryRepository(journal, { segments: segmentLimitsFor(options.retention) });
  const writer = new HistoryWriter(repository, { log: options.log, ...options.writer });
  const pruner = new HistoryPruner(journal, options.retention, { log: options.log });
  if (options.prune !== false) pruner.start();
  return {
    writer,
    repository,
    summary: new HistorySummaryQuery(journal),
    pruner,
    async close() {
      await pruner.stop();
      writer.close();
    },
  };
}
