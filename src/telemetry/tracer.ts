import { trace, Tracer } from '@opentelemetry/api';

/**
 * The gateway's tracer. With no SDK registered (tracing off) the API hands out non-recording
 * spans, so instrumented code costs a few calls and no allocation of span data.
 */
export function tracer(): Tracer {
  return trace.getTracer('tracegw');
}
