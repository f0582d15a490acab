import { trace, Tracer } from '@opentelemetry/api';

let cached: Tracer | undefined;

/**
 * The gateway's tracer. With no SDK registered (tracing off) the API hands out non-recording
 * spans, so instrumented code costs a few calls and no allocation of span data. Looked up once per
 * SDK registration: the lookup goes through the global registry on every call otherwise.
 */
export function tracer(): Tracer {
  cached ??= trace.getTracer('tracegw');
  return cached;
}

/** Forgets the tracer; the tracing start-up and shutdown call it when they (un)register the SDK. */
export function forgetTracer(): void {
  cached = undefined;
}
