import type { Command } from 'commander';
import { ADMIN_ROUTES } from '../../admin/admin-routes';
import type { OperationView } from '../../admin/history/operation-view';
import type { SummaryView } from '../../admin/history/summary-view';
import type { OperationStats } from '../../journal/history/history-summary';
import type { HistoryWriterStats } from '../../journal/history/history-writer';
import { subcommand, type AdminCliContext } from './admin-cli-context';
import { formatRecord, formatTable, type Column } from './table';

/** CLI flag → admin API query parameter; the gateway validates, so its errors name the parameter. */
const FILTERS = [
  ['--bucket <name>', 'bucket', 'only this bucket'],
  ['--prefix <prefix>', 'prefix', 'only keys starting with this'],
  ['--operation <name>', 'operation', 'only this operation (GetObject, AdminCreateUser, ...)'],
  ['--account <key>', 'account', 'only requests signed with this access key'],
  ['--status <status>', 'status', 'only this HTTP status (404) or class (4xx)'],
  ['--error-code <code>', 'error-code', 'only this error code (NoSuchKey, AccessDenied, ...)'],
  ['--from <time>', 'from', 'started at or after (ISO-8601 or epoch ms)'],
  ['--to <time>', 'to', 'started before (ISO-8601 or epoch ms)'],
  ['--trace-id <id>', 'trace-id', 'only this trace (the X-Trace-ID header)'],
  ['--limit <n>', 'limit', 'rows per page, 1 to 1000 (default 100)'],
  ['--cursor <cursor>', 'cursor', 'the page after this one (printed under each page)'],
] as const;

type OperationsOptions = Record<string, string | undefined> & { id?: string };
type OperationsAnswer = { operations: OperationView[]; nextCursor: string | null } | { operation: OperationView };

const OPERATION_COLUMNS: Column<OperationView>[] = [
  { heading: 'ID', cell: (o) => o.id, align: 'right' },
  { heading: 'Started', cell: (o) => o.startedAt },
  { heading: 'Operation', cell: (o) => o.operation },
  { heading: 'Bucket', cell: (o) => o.bucket },
  { heading: 'Key', cell: (o) => o.key },
  { heading: 'Account', cell: (o) => o.accessKey },
  { heading: 'Status', cell: (o) => o.httpStatus, align: 'right' },
  { heading: 'Error', cell: (o) => o.errorCode },
  { heading: 'In', cell: (o) => o.bytesIn, align: 'right' },
  { heading: 'Out', cell: (o) => o.bytesOut, align: 'right' },
  { heading: 'ms', cell: (o) => o.durationMs.toFixed(1), align: 'right' },
  { heading: 'Trace', cell: (o) => o.traceId },
];

function showOperation(o: OperationView): string {
  return formatRecord([
    ['id', o.id],
    ['started', o.startedAt],
    ['operation', o.operation],
    ['bucket', o.bucket],
    ['key', o.key],
    ['upload id', o.uploadId],
    ['part number', o.partNumber],
    ['account', o.accessKey],
    ['role', o.role],
    ['client', o.clientAddress],
    ['user agent', o.userAgent],
    ['status', o.httpStatus],
    ['error code', o.errorCode],
    ['bytes in', o.bytesIn],
    ['bytes out', o.bytesOut],
    ['duration ms', o.durationMs],
    ['auth ms', o.authMs],
    ['backend ms', o.backendMs],
    ['completed', o.completed],
    ['trace id', o.traceId],
    ['request id', o.requestId],
  ]);
}

const STATS_COLUMNS: Column<Omit<OperationStats, 'operation'> & { operation: string | null }>[] = [
  { heading: 'Operation', cell: (s) => s.operation ?? '(unresolved)' },
  { heading: 'Count', cell: (s) => s.count, align: 'right' },
  { heading: 'Errors', cell: (s) => s.errors, align: 'right' },
  { heading: 'Bytes in', cell: (s) => s.bytesIn, align: 'right' },
  { heading: 'Bytes out', cell: (s) => s.bytesOut, align: 'right' },
  { heading: 'p50 ms', cell: (s) => s.p50Ms.toFixed(2), align: 'right' },
  { heading: 'p95 ms', cell: (s) => s.p95Ms.toFixed(2), align: 'right' },
  { heading: 'p99 ms', cell: (s) => s.p99Ms.toFixed(2), align: 'right' },
];

/** operations (a page, or one with --id) and summary. */
export function addHistoryCommands(admin: Command, context: AdminCliContext): void {
  subcommand<OperationsOptions, OperationsAnswer>(
    admin,
    context,
    'operations',
    'Operation history, newest first: who did what, when, and how it went',
    (command) => {
      for (const [flags, , help] of FILTERS) command.option(flags, help);
      command.option('--id <id>', 'show this one operation, every field');
    },
    (options) => {
      if (options.id !== undefined) return context.call(ADMIN_ROUTES.getOperation, { query: { id: options.id } }) as Promise<OperationsAnswer>;
      const query: Record<string, string | undefined> = {};
      for (const [flags, parameter] of FILTERS) query[parameter] = options[camelCase(flags)];
      return context.call(ADMIN_ROUTES.listOperations, { query }) as Promise<OperationsAnswer>;
    },
    (answer) => {
      if ('operation' in answer) return showOperation(answer.operation);
      const table = formatTable(OPERATION_COLUMNS, answer.operations);
      return answer.nextCursor ? `${table}more: --cursor ${answer.nextCursor}\n` : table;
    },
  );
  subcommand<{ from?: string; to?: string }, SummaryView & { history: HistoryWriterStats }>(
    admin,
    context,
    'summary',
    'Per operation: count, errors, bytes and p50/p95/p99 duration over a time window (default: the last hour)',
    (command) => command.option('--from <time>', 'window start (ISO-8601 or epoch ms)').option('--to <time>', 'window end (default: now)'),
    ({ from, to }) => context.call(ADMIN_ROUTES.operationsSummary, { query: { from, to } }) as Promise<SummaryView & { history: HistoryWriterStats }>,
    (summary) => {
      const rows = summary.total ? [...summary.operations, { ...summary.total, operation: 'total' }] : summary.operations;
      const dropped = summary.history.dropped > 0 ? `history rows dropped since start: ${summary.history.dropped}\n` : '';
      return `${summary.from} .. ${summary.to}\n${formatTable(STATS_COLUMNS, rows)}${dropped}`;
    },
  );
}

/** Commander's attribute name for a long flag: `--error-code <code>` → `errorCode`. */
function camelCase(flags: string): string {
  return flags
    .split(' ')[0]
    .slice(2)
    .replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
