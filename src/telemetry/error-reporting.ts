import type { SentryConfig } from '../config/gateway-config';

/** What identifies the failed request in Sentry: the trace to open next to it, and the S3 resource. */
export interface ServerErrorDetails {
  traceId: string;
  /** The root span's id when the request was traced. */
  spanId?: string;
  requestId: string;
  operation?: string;
  bucket?: string;
  key?: string;
  status: number;
  code: string;
}

export interface ErrorReporter {
  capture(error: unknown, details: ServerErrorDetails): void;
  /** Sends what is queued, for at most `timeoutMs`. */
  close(timeoutMs: number): Promise<void>;
}

let reporter: ErrorReporter | undefined;

/**
 * Starts @sentry/node for errors only (no Sentry spans: the traces go to the OTLP collector) and
 * without an OpenTelemetry setup of its own (`skipOpenTelemetrySetup`). Default integrations are
 * left out: they would instrument outgoing HTTP (the exporter's own calls) and the debugger.
 */
export async function startErrorReporting(sentry: SentryConfig, release: { environment: string; version: string }): Promise<ErrorReporter | undefined> {
  if (!sentry.enabled || sentry.dsn === undefined) return undefined;
  const Sentry = await import('@sentry/node');
  Sentry.init({
    dsn: sentry.dsn,
    skipOpenTelemetrySetup: true,
    defaultIntegrations: false,
    integrations: [
      Sentry.linkedErrorsIntegration(),
      Sentry.onUncaughtExceptionIntegration(),
      Sentry.onUnhandledRejectionIntegration(),
      Sentry.nodeContextIntegration(),
      Sentry.contextLinesIntegration(),
    ],
    environment: release.environment,
    release: `tracegw@${release.version}`,
    sendClientReports: false,
  });
  const started: ErrorReporter = {
    capture(error, details) {
      Sentry.captureException(error, {
        level: 'error',
        tags: {
          trace_id: details.traceId,
          request_id: details.requestId,
          's3.operation': details.operation,
          's3.bucket': details.bucket,
          's3.error_code': details.code,
          'http.status_code': details.status,
        },
        // Tag values stop at 200 characters; keys run to 1,024 bytes.
        contexts: {
          // Untraced requests have no span; their request id (16 hex digits) is span-id shaped.
          trace: { trace_id: details.traceId, span_id: details.spanId ?? details.requestId.toLowerCase() },
          s3: { operation: details.operation, bucket: details.bucket, key: details.key, request_id: details.requestId },
        },
      });
    },
    async close(timeoutMs) {
      await Sentry.close(timeoutMs);
      reporter = undefined;
    },
  };
  reporter = started;
  return started;
}

/** Sends a failure to Sentry when Sentry is on; costs one check when it is off. */
export function reportServerError(error: unknown, details: ServerErrorDetails): void {
  reporter?.capture(error, details);
}
