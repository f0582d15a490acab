export { HistoryPruner, type HistoryPrunerOptions, type HistoryRetention, type PruneReport } from './history-pruner';
export { HistoryRepository } from './history.repository';
export { HistorySummaryQuery, type HistorySummary, type OperationStats } from './history-summary';
export { HistoryWriter, type HistoryLog, type HistoryWriterOptions, type HistoryWriterStats } from './history-writer';
export type { OperationFilter, OperationPage, OperationPosition } from './operation-filter';
export type { OperationRecord, StoredOperation } from './operation-record';
export { openOperationHistory, type OperationHistory, type OperationHistoryOptions } from './operation-history';
export { HistorySegments, type Segment } from './history-segments';
export { segmentLimitsFor, type SegmentLimits } from './segment-limits';
