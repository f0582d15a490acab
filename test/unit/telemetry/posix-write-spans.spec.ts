import { hrTimeToNanoseconds } from '@opentelemetry/core';
import { recordWriteSteps } from '../../../src/telemetry/posix-write-spans';
import { type SpanRecording, startSpanRecording } from '../../support/span-recording';

describe('Posix.IO spans of a native write, from the times it reported', () => {
  let recording: SpanRecording;

  beforeAll(() => {
    recording = startSpanRecording();
  });

  afterAll(() => recording.stop());

  it('keeps the order of steps microseconds apart while the clock moves between the spans', () => {
    // Every clock read advances performance.now() by a whole millisecond while Date.now() stands
    // still: a per-span offset would move each later span a millisecond earlier.
    const realNow = performance.now.bind(performance);
    let reads = 0;
    const base = realNow();
    const now = jest.spyOn(performance, 'now').mockImplementation(() => base + reads++);
    const date = jest.spyOn(Date, 'now').mockReturnValue(1_800_000_000_000);
    const parent = recording.root('S3.PutObject');
    try {
      recordWriteSteps(
        parent,
        { dir: 'b/.tmp', bucket: 'b', object: 'k', size: 4 },
        {
          open: { start: base - 10, end: base - 9.998 },
          write: { start: base - 9.998, end: base - 9.99, bytesWritten: 4 },
          link: { start: base - 9.99, end: base - 9.98 },
        },
      );
    } finally {
      now.mockRestore();
      date.mockRestore();
      parent.end();
    }
    const spans = recording.exporter.getFinishedSpans().filter((span) => span.name.startsWith('Posix.IO.'));
    const byStart = [...spans].sort((a, b) => hrTimeToNanoseconds(a.startTime) - hrTimeToNanoseconds(b.startTime));
    expect(byStart.map((span) => span.name)).toEqual(['Posix.IO.OpenTmpFile', 'Posix.IO.WriteData', 'Posix.IO.LinkFile']);
    const open = spans.find((span) => span.name === 'Posix.IO.OpenTmpFile');
    const write = spans.find((span) => span.name === 'Posix.IO.WriteData');
    expect(hrTimeToNanoseconds(open!.endTime)).toBeLessThanOrEqual(hrTimeToNanoseconds(write!.startTime));
    expect(hrTimeToNanoseconds(write!.endTime) - hrTimeToNanoseconds(write!.startTime)).toBeGreaterThan(0);
  });
});
