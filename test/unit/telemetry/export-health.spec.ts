import { ExportHealth } from '../../../src/telemetry/export-health';

describe('ExportHealth', () => {
  function health(): { health: ExportHealth; lines: string[] } {
    const lines: string[] = [];
    return { health: new ExportHealth((line) => lines.push(line)), lines };
  }

  it('reports drops and failures of an interval in one line each, with the last reason', () => {
    const { health: h, lines } = health();
    for (let i = 0; i < 100; i++) h.recordDropped(1);
    h.recordFailed(512);
    h.recordError('14 UNAVAILABLE: connection refused');
    h.recordFailed(10);
    h.recordError('4 DEADLINE_EXCEEDED');
    h.report();
    expect(lines).toEqual([
      'tracing: 100 span(s) dropped, export queue full (collector slow or unreachable)',
      'tracing: 522 span(s) failed to export: 4 DEADLINE_EXCEEDED',
    ]);
  });

  it('says nothing for an interval without trouble, and counts only what is new', () => {
    const { health: h, lines } = health();
    h.recordFailed(3);
    h.report();
    h.recordExported(50);
    h.report();
    expect(lines).toHaveLength(1);
    h.recordDropped(2);
    h.report();
    expect(lines[1]).toBe('tracing: 2 span(s) dropped, export queue full (collector slow or unreachable)');
    expect(h.snapshot()).toEqual({ exported: 50, dropped: 2, failed: 3 });
  });

  it('reports what is left when it stops', () => {
    const { health: h, lines } = health();
    h.start(60_000);
    h.recordFailed(1);
    h.stop();
    expect(lines).toEqual(['tracing: 1 span(s) failed to export: no reason given']);
  });
});
