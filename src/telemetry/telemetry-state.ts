import type { SpanRecorder } from './span-recorder';

/**
 * What request-path code asks before doing any telemetry work: whether this process records spans
 * (the recorder the tracing start-up registered), and whether each request is logged (--debug).
 * With both off the request path does no span work at all.
 */
let recorder: SpanRecorder | undefined;
let requestLogging = false;

export function tracingActive(): boolean {
  return recorder !== undefined;
}

/** The span recorder while tracing is on. */
export function activeRecorder(): SpanRecorder | undefined {
  return recorder;
}

/** Set by the tracing start-up (and tests), cleared by its shutdown. */
export function setSpanRecorder(active: SpanRecorder | undefined): void {
  recorder = active;
}

export function requestLoggingActive(): boolean {
  return requestLogging;
}

/** Set when the app is built, from --debug (VGW_DEBUG). */
export function setRequestLogging(on: boolean): void {
  requestLogging = on;
}
