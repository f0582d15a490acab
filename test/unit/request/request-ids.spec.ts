import { newSpanId, newTraceId, nextRequestId } from '../../../src/request/request-ids';

describe('request, trace and span ids', () => {
  it('are shaped as AWS and W3C want them, and do not repeat across pool refills', () => {
    // More than one pool of random bytes (4 KiB) is drawn, trace and span ids interleaved.
    const traces = new Set<string>();
    const spans = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      traces.add(newTraceId());
      spans.add(newSpanId());
    }
    expect(traces.size).toBe(1000);
    expect(spans.size).toBe(1000);
    for (const id of traces) expect(id).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
    for (const id of spans) expect(id).toMatch(/^(?!0{16})[0-9a-f]{16}$/);
    expect(nextRequestId()).toMatch(/^[0-9A-F]{16}$/);
  });
});
