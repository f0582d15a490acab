import { type Attributes, type Span, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ATTR } from './attributes';
import { type RecordingSpan, UNRECORDED_SPAN } from './recording-span';

export interface SpanOptions {
  attributes?: Attributes;
  kind?: SpanKind;
}

/**
 * The span that a piece of work's own spans go under, handed to it explicitly: the request's root
 * span, its Backend.<Operation> span, a Posix.IO span for the steps inside it. Undefined (or the
 * span withSpan hands to work outside a recorded request, which is over already) when nothing is
 * recorded: tracing is off, or the sampler dropped the request. Carried by hand rather than through OpenTelemetry's context: on Node 20 the
 * AsyncLocalStorage behind that context runs promise hooks for every promise of the process while
 * it is on, which cost a 4 KiB GET about 13 % of its throughput (docs/tracing.md).
 */
export type SpanParent = RecordingSpan | undefined;

/** The S3 error code of a failure, if it carries one (S3Error has `code`; errno errors too). */
function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Marks a span failed: status ERROR, the exception recorded, the S3 error code as an attribute. */
export function recordFailure(span: Span, error: unknown): void {
  if (!span.isRecording()) return;
  const err = error instanceof Error ? error : new Error(String(error));
  span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message: err.message });
  const code = errorCode(error);
  if (code !== undefined) span.setAttribute(ATTR.s3ErrorCode, code);
}

/** Milliseconds since `started` (a performance.now() reading), to the microsecond. */
export function elapsedMs(started: number): number {
  return Math.round((performance.now() - started) * 1000) / 1000;
}

/**
 * Whether a span under `parent` is recorded: the one check every span wrapper makes before it
 * builds attributes or a span. A request the sampler dropped has no root span (span-recorder.ts
 * decides at the root), so nothing below it makes one either.
 */
export function recorded(parent: SpanParent): parent is RecordingSpan {
  return parent !== undefined && !parent.ended;
}

/**
 * Starts `name` as a child of `parent` (a recording span), given explicitly: no context is read or
 * made. The attributes object becomes the span's own: callers hand a fresh one.
 */
export function startChildSpan(parent: RecordingSpan, name: string, options: SpanOptions & { startTime?: number } = {}): RecordingSpan {
  return parent.child(name, options.kind ?? SpanKind.INTERNAL, options.attributes ?? {}, options.startTime);
}

function endSpan(span: RecordingSpan, started: number): void {
  span.setAttribute(ATTR.durationMs, elapsedMs(started));
  span.end();
}

/**
 * Runs `work` inside a new child span of `parent`, which it is handed to be the parent of its own
 * spans: start, run, record a failure and rethrow, set duration_ms, end in finally. Telemetry never
 * changes the outcome. Outside a recorded request `work` just runs, given a span that records nothing.
 */
export async function withSpan<T>(parent: SpanParent, name: string, options: SpanOptions, work: (span: RecordingSpan) => Promise<T>): Promise<T> {
  if (!recorded(parent)) return work(UNRECORDED_SPAN);
  const span = startChildSpan(parent, name, options);
  const started = performance.now();
  try {
    return await work(span);
  } catch (error) {
    recordFailure(span, error);
    throw error;
  } finally {
    endSpan(span, started);
  }
}

/** withSpan for synchronous work (signature verification). */
export function withSpanSync<T>(parent: SpanParent, name: string, options: SpanOptions, work: (span: RecordingSpan) => T): T {
  if (!recorded(parent)) return work(UNRECORDED_SPAN);
  const span = startChildSpan(parent, name, options);
  const started = performance.now();
  try {
    return work(span);
  } catch (error) {
    recordFailure(span, error);
    throw error;
  } finally {
    endSpan(span, started);
  }
}
