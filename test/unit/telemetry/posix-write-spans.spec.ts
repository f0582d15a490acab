import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { hrTimeToNanoseconds } from '@opentelemetry/core';
import { recordWriteSteps } from '../../../src/telemetry/posix-write-spans';
import { setTracingActive } from '../../../src/telemetry/telemetry-state';

describe('Posix.IO spans of a native write, from the times it reported', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

  beforeAll(() => {
    provider.register();
    setTracingActive(true);
  });

  afterAll(async () => {
    setTracingActive(false);
    trace.disable();
    context.disable();
    await provider.shutdown();
  });

  it('keeps the order of steps microseconds apart while the clock moves between the spans', () => {
    // Every clock read advances performance.now() by a whole millisecond while Date.now() stands
    // still: a per-span offset would move each later span a millisecond earlier.
    const realNow = performance.now.bind(performance);
    let reads = 0;
    const base = realNow();
    const now = jest.spyOn(performance, 'now').mockImplementation(() => base + reads++);
    const date = jest.spyOn(Date, 'now').mockReturnValue(1_800_000_000_000);
    const parent = provider.getTracer('test').startSpan('S3.PutObject');
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
    const spans = exporter.getFinishedSpans().filter((span) => span.name.startsWith('Posix.IO.'));
    const byStart = [...spans].sort((a, b) => hrTimeToNanoseconds(a.startTime) - hrTimeToNanoseconds(b.startTime));
    expect(byStart.map((span) => span.name)).toEqual(['Posix.IO.OpenTmpFile', 'Posix.IO.WriteData', 'Posix.IO.LinkFile']);
    const open = spans.find((span) => span.name === 'Posix.IO.OpenTmpFile');
    const write = spans.find((span) => span.name === 'Posix.IO.WriteData');
    expect(hrTimeToNanoseconds(open!.endTime)).toBeLessThanOrEqual(hrTimeToNanoseconds(write!.startTime));
    expect(hrTimeToNanoseconds(write!.endTime) - hrTimeToNanoseconds(write!.startTime)).toBeGreaterThan(0);
  });
});
