import { Attributes, type Context, INVALID_SPAN_CONTEXT, ROOT_CONTEXT, Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { ATTR } from './attributes';
import { tracer } from './tracer';

export interface SpanOptions {
  attributes?: Attributes;
  kind?: SpanKind;
}

/**
 * The span that a piece of work's own spans go under, handed to it explicitly: the request's root
 * span, its Backend.<Operation> span, a Posix.IO span for the steps inside it. Undefined (or a span
 * that records nothing) when nothing is recorded: tracing is off, or the sampler dropped the
 * request. Carried by hand rather than through OpenTelemetry's context: on Node 20 the
 * AsyncLocalStorage behind that context runs promise hooks for every promise of the process while
 * it is on, which cost a 4 KiB GET about 13 % of its throughput (docs/tracing.md).
 */
export type SpanParent = Span | undefined;

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
 * Whether a span under `parent` would be recorded: the one check every span wrapper makes before it
 * builds attributes or a span. A request the sampler dropped has a root span that records nothing,
 * and the parent-based sampler would drop its children too, so none is made for it at all.
 */
export function recorded(parent: SpanParent): parent is Span {
  return parent !== undefined && parent.isRecording();
}

/** The key under which a context holds its span, as the API reads it (learnt by asking it once). */
const SPAN_KEY: symbol = (() => {
  let asked: symbol | undefined;
  const probe: Context = {
    getValue: (key) => void (asked = key),
    setValue: () => probe,
    deleteValue: () => probe,
  };
  trace.getSpan(probe);
  if (asked === undefined) throw new Error('@opentelemetry/api read no span key');
  return asked;
})();

/**
 * The context a child span is started in: its parent and nothing else. One small object, where
 * the API's own context (trace.setSpan) copies a Map and makes three closures per child.
 */
class ParentContext implements Context {
  constructor(private readonly parent: Span) {}

  getValue(key: symbol): unknown {
    return key === SPAN_KEY ? this.parent : undefined;
  }

  setValue(key: symbol, value: unknown): Context {
    return trace.setSpan(ROOT_CONTEXT, this.parent).setValue(key, value);
  }

  deleteValue(key: symbol): Context {
    return trace.setSpan(ROOT_CONTEXT, this.parent).deleteValue(key);
  }
}

/**
 * Starts `name` as a child of `parent` (a recording span), given explicitly: no active context is
 * read. The attributes are set on the span once it exists: given to startSpan, the SDK would copy
 * them first for samplers, which tracegw's (parent-based, trace-id ratio) do not read.
 */
export function startChildSpan(parent: Span, name: string, options: SpanOptions & { startTime?: number } = {}): Span {
  const span = tracer().startSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, startTime: options.startTime }, new ParentContext(parent));
  if (options.attributes) span.setAttributes(options.attributes);
  return span;
}

function endSpan(span: Span, started: number): void {
  if (span.isRecording()) span.setAttribute(ATTR.durationMs, elapsedMs(started));
  span.end();
}

/**
 * Runs `work` inside a new child span of `parent`, which it is handed to be the parent of its own
 * spans: start, run, record a failure and rethrow, set duration_ms, end in finally. Telemetry never
 * changes the outcome. Outside a recorded request `work` just runs, given a span that records nothing.
 */
export async function withSpan<T>(parent: SpanParent, name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  if (!recorded(parent)) return work(UNRECORDED);
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
export function withSpanSync<T>(parent: SpanParent, name: string, options: SpanOptions, work: (span: Span) => T): T {
  if (!recorded(parent)) return work(UNRECORDED);
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
