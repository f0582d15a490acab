import { type Attributes, type Span, SpanKind, trace } from '@opentelemetry/api';
import { ATTR, SPAN } from './attributes';
import { mebibytesPerSecond, type TmpFileTarget } from './posix-io-spans';
import { tracingActive } from './telemetry-state';
import { tracer } from './tracer';
import { recordFailure } from './with-span';

/** A step of a write that ran inside a native call: when it started and ended (performance.now() ms). */
export interface TimedStep {
  start: number;
  end: number;
  /** The step failed with this error. */
  failure?: unknown;
}

/** When each Posix.IO step of a PUT ran; a step that never ran is absent. */
export interface WriteSteps {
  open?: TimedStep;
  write?: TimedStep & { bytesWritten: number };
  link?: TimedStep;
}

function record(name: string, step: TimedStep, attributes: Attributes, late?: (span: Span) => void): void {
  const span = tracer().startSpan(name, { kind: SpanKind.INTERNAL, attributes, startTime: step.start });
  const ms = Math.round((step.end - step.start) * 1000) / 1000;
  span.setAttribute(ATTR.durationMs, ms);
  late?.(span);
  if (step.failure !== undefined) recordFailure(span, step.failure);
  span.end(step.end);
}

/**
 * The Posix.IO.OpenTmpFile, WriteData and LinkFile spans of a write whose steps ran in one or a few
 * native calls, from the times those calls reported: the same spans, names and attributes as
 * the step-by-step write gives (posix-io-spans.ts), made afterwards with their real start and
 * end, as children of the active span. Nothing is done unless that span is being recorded.
 */
export function recordWriteSteps(target: TmpFileTarget, steps: WriteSteps): void {
  if (!tracingActive() || !trace.getActiveSpan()?.isRecording()) return;
  if (steps.open) {
    record(SPAN.openTmpFile, steps.open, {
      [ATTR.posixDir]: target.dir,
      [ATTR.posixBucket]: target.bucket,
      [ATTR.posixObject]: target.object,
      [ATTR.posixSize]: target.size,
    });
  }
  const { write } = steps;
  if (write) {
    record(SPAN.writeData, write, {}, (span) => {
      const ms = Math.round((write.end - write.start) * 1000) / 1000;
      span.setAttributes({
        [ATTR.posixBytesWritten]: write.bytesWritten,
        [ATTR.posixDurationMs]: ms,
        [ATTR.posixThroughputMbps]: mebibytesPerSecond(write.bytesWritten, ms),
      });
    });
  }
  if (steps.link) record(SPAN.linkFile, steps.link, { [ATTR.posixBucket]: target.bucket, [ATTR.posixObject]: target.object });
}
