import { randomBytes } from 'node:crypto';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { rootSamplerFor } from '../../../src/telemetry/span-recorder';
import { startSpanRecording } from '../../support/span-recording';

describe('the root sampler', () => {
  it.each([0.01, 0.3, 0.5])('keeps at rate %p exactly the trace ids the SDK ratio sampler keeps', (rate) => {
    const ours = rootSamplerFor(rate);
    const sdk = new TraceIdRatioBasedSampler(rate);
    const ids = Array.from({ length: 4000 }, () => randomBytes(16).toString('hex'));
    const kept = ids.filter((id) => ours(id));
    expect(kept).toEqual(ids.filter((id) => sdk.shouldSample({} as never, id).decision === 2));
    // And about the share asked for.
    expect(Math.abs(kept.length / ids.length - rate)).toBeLessThan(0.05);
  });

  it('keeps every root at 1.0 and none at 0.0', () => {
    expect(rootSamplerFor(1)('0'.repeat(31) + '1')).toBe(true);
    expect(rootSamplerFor(0)('f'.repeat(32))).toBe(false);
  });
});

describe('a recorded span', () => {
  it('ends once into the pipeline, with what the SDK span would hold', async () => {
    const recording = startSpanRecording();
    try {
      const root = recording.root('S3.GetObject');
      const child = root.child('Backend.GetObject', SpanKind.INTERNAL, { 'backend.type': 'posix' });
      child.setAttribute('s3.key', 'k').setAttribute('ignored', undefined);
      child.recordException(Object.assign(new Error('gone'), { code: 'ENOENT' }));
      child.setStatus({ code: SpanStatusCode.ERROR, message: 'gone' });
      child.setStatus({ code: SpanStatusCode.UNSET });
      child.end();
      child.end();
      child.setAttribute('late', 1);
      root.end();
      const [ended, ofRoot] = recording.exporter.getFinishedSpans();
      expect(ofRoot.name).toBe('S3.GetObject');
      expect(ended.attributes).toEqual({ 'backend.type': 'posix', 's3.key': 'k' });
      expect(ended.status).toEqual({ code: SpanStatusCode.ERROR, message: 'gone' });
      expect(ended.events.map((e) => [e.name, e.attributes?.['exception.type'], e.attributes?.['exception.message']])).toEqual([['exception', 'ENOENT', 'gone']]);
      expect(ended.parentSpanContext?.spanId).toBe(root.spanContext().spanId);
      expect(ended.spanContext().traceId).toBe(root.spanContext().traceId);
      expect(ended.instrumentationScope.name).toBe('tracegw');
      expect(ended.resource.attributes['service.name']).toBe('test');
      // Nanoseconds from `from` to `to`, exactly (epoch nanoseconds exceed a double's integers).
      const ns = (to: readonly [number, number], from: readonly [number, number] = [0, 0]): number => (to[0] - from[0]) * 1e9 + (to[1] - from[1]);
      expect(ns(ended.startTime, ofRoot.startTime)).toBeGreaterThanOrEqual(0);
      expect(ns(ofRoot.endTime, ended.endTime)).toBeGreaterThanOrEqual(0);
      expect(ns(ended.duration)).toBe(ns(ended.endTime, ended.startTime));
      expect(recording.exporter.getFinishedSpans()).toHaveLength(2);
    } finally {
      await recording.stop();
    }
  });

  it("keeps the SDK's event limit: the newest 128", async () => {
    const recording = startSpanRecording();
    try {
      const span = recording.root('S3.CompleteMultipartUpload');
      for (let i = 0; i < 130; i++) span.addEvent('part_assembled', { current_part: i });
      span.end();
      const [ended] = recording.exporter.getFinishedSpans();
      expect(ended.events).toHaveLength(128);
      expect(ended.events[0].attributes?.current_part).toBe(2);
      expect(ended.droppedEventsCount).toBe(2);
    } finally {
      await recording.stop();
    }
  });
});
