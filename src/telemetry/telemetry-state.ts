import { forgetTracer } from './tracer';

/**
 * What request-path code asks before doing any telemetry work: whether an OpenTelemetry SDK is
 * registered by this process, and whether each request is logged (--debug). With both off the
 * request path does no span work beyond what the API's no-ops cost.
 */
let tracing = false;
let requestLogging = false;

export function tracingActive(): boolean {
  return tracing;
}

/** Set by the tracing start-up and shutdown only. */
export function setTracingActive(on: boolean): void {
  tracing = on;
  forgetTracer();
}

export function requestLoggingActive(): boolean {
  return requestLogging;
}

/** Set when the app is built, from --debug (VGW_DEBUG). */
export function setRequestLogging(on: boolean): void {
  requestLogging = on;
}
