import type { Attributes } from '@opentelemetry/api';
import { ATTR, SPAN } from './attributes';
import { mebibytesPerSecond, type TmpFileTarget } from './posix-io-spans';
import type { RecordingSpan } from './recording-span';
import { recordFailure, recorded, type SpanParent, startChildSpan } from './with-span';

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

/**
 * Epoch ms of performance.now() 0, taken once for all the spans of a write: given performance.now()
 * times, the SDK adds an offset it takes per span from Date.now(), whose whole milliseconds move it
 * by up to 1 ms and by the time between two spans, enough to start WriteData before the
 * OpenTmpFile that ended a few microseconds before it.
 */
type EpochOf = (performanceMs: number) => number;

function epochClock(): EpochOf {
  const origin = Date.now() - performance.now();
  return (performanceMs) => origin + performanceMs;
}

function record(parent: RecordingSpan, epoch: EpochOf, name: string, step: TimedStep, attributes: Attributes, late?: (span: RecordingSpan) => void): void {
  const span = startChildSpan(parent, name, { attributes, startTime: epoch(step.start) });
  const ms = Math.round((step.end - step.start) * 1000) / 1000;
  span.setAttribute(ATTR.durationMs, ms);
  late?.(span);
  if (step.failure !== undefined) recordFailure(span, step.failure);
  span.end(epoch(step.end));
}

/**
 * The Posix.IO.OpenTmpFile, WriteData and LinkFile spans of a write whose steps ran in one or a few
 * native calls, from the times those calls reported: the same spans, names and attributes as
 * the step-by-step write gives (posix-io-spans.ts), made afterwards with their real start and
 * end, as children of `parent`. Nothing is done unless that span is being recorded.
 */
export function recordWriteSteps(parent: SpanParent, target: TmpFileTarget, steps: WriteSteps): void {
  if (!recorded(parent)) return;
  const epoch = epochClock();
  if (steps.open) {
    record(parent, epoch, SPAN.openTmpFile, steps.open, {
      [ATTR.posixDir]: target.dir,
      [ATTR.posixBucket]: target.bucket,
      [ATTR.posixObject]: target.object,
      [ATTR.posixSize]: target.size,
    });
  }
  const { write } = steps;
  if (write) {
    record(parent, epoch, SPAN.writeData, write, {}, (span) => {
      const ms = Math.round((write.end - write.start) * 1000) / 1000;
      span.setAttributes({
        [ATTR.posixBytesWritten]: write.bytesWritten,
        [ATTR.posixDurationMs]: ms,
        [ATTR.posixThroughputMbps]: mebibytesPerSecond(write.bytesWritten, ms),
      });
    });
  }
  if (steps.link) record(parent, epoch, SPAN.linkFile, steps.link, { [ATTR.posixBucket]: target.bucket, [ATTR.posixObject]: target.object });
}
