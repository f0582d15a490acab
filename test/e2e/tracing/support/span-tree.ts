import type { ReceivedSpan } from '../../support/otlp-receiver';

/** A span and its descendants by name, children in the order they started. */
export interface SpanTree {
  name: string;
  children: SpanTree[];
}

export const SPAN_KIND_INTERNAL = 1;
export const SPAN_KIND_SERVER = 2;
export const STATUS_UNSET = 0;
export const STATUS_ERROR = 2;

export function childrenOf(spans: readonly ReceivedSpan[], parent: ReceivedSpan): ReceivedSpan[] {
  return spans
    .filter((span) => span.traceId === parent.traceId && span.parentSpanId === parent.spanId)
    .sort((a, b) => (a.startTime < b.startTime ? -1 : a.startTime > b.startTime ? 1 : 0));
}

export function treeOf(spans: readonly ReceivedSpan[], root: ReceivedSpan): SpanTree {
  return { name: root.name, children: childrenOf(spans, root).map((child) => treeOf(spans, child)) };
}

/** The spans of one trace (X-Trace-ID of a response). */
export function traceSpans(spans: readonly ReceivedSpan[], traceId: string): ReceivedSpan[] {
  return spans.filter((span) => span.traceId === traceId);
}

/** The one span of that name in the trace; fails loudly otherwise. */
export function spanNamed(spans: readonly ReceivedSpan[], name: string): ReceivedSpan {
  const found = spans.filter((span) => span.name === name);
  if (found.length !== 1) throw new Error(`expected one ${name} span, found ${found.length} among ${spans.map((s) => s.name).join(', ')}`);
  return found[0];
}

/** A span without children, in an expected tree. */
export function leaf(name: string): SpanTree {
  return { name, children: [] };
}
