import { Attributes, context, INVALID_SPAN_CONTEXT, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ATTR } from './attributes';
import { tracingActive } from './telemetry-state';
import { tracer } from './tracer';

export interface SpanOptions {
  attributes?: Attributes;
  kind?: SpanKind;
}

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

/** What work outside a recorded request is handed as its span: records nothing, allocated once. */
const UNRECORDED: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * Whether a span started now would be recorded: tracing is on and a recording span is active. The
 * one check every span wrapper makes before it builds attributes or a span. With tracing off it is
 * a flag; a request the sampler dropped runs outside any context (s3-tracing.interceptor.ts), and
 * the parent-based sampler would drop its children too, so no child span is made for it at all.
 */
export function recordingHere(): boolean {
  return tracingActive() && trace.getActiveSpan()?.isRecording() === true;
}

function endSpan(span: Span, started: number): void {
  if (span.isRecording()) span.setAttribute(ATTR.durationMs, elapsedMs(started));
  span.end();
}

/**
 * Runs `work` inside a new child span of the active one: start, run in its context, record a
 * failure and rethrow, set duration_ms, end in finally. Telemetry never changes the outcome.
 * Outside a recorded request `work` just runs, given a span that records nothing.
 */
export async function withSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  if (!recordingHere()) return work(UNRECORDED);
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes });
  const started = performance.now();
  try {
    return await context.with(trace.setSpan(context.active(), span), () => work(span));
  } catch (error) {
    recordFailure(span, error);
    throw error;
  } finally {
    endSpan(span, started);
  }
}

/**
 * withSpan for synchronous work that starts no spans of its own (signature verification): the span
 * is not made the active one, which spares a context switch per call.
 */
export function withLeafSpanSync<T>(name: string, options: SpanOptions, work: (span: Span) => T): T {
  if (!recordingHere()) return work(UNRECORDED);
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes });
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
