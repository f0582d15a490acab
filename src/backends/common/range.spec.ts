import { S3Error } from '../../s3/errors/s3-error';
import { resolveRange } from './range';

function invalid(fn: () => unknown): S3Error {
  try {
    fn();
  } catch (err) {
    if (err instanceof S3Error) return err;
    throw err;
  }
  throw new Error('expected InvalidRange');
}

describe('resolveRange', () => {
  it('returns undefined without a range', () => {
    expect(resolveRange(undefined, 10)).toBeUndefined();
  });

  it('resolves first-last, inclusive', () => {
    expect(resolveRange({ kind: 'fromTo', start: 2, end: 5 }, 10)).toEqual({ start: 2, end: 5, total: 10 });
    expect(resolveRange({ kind: 'fromTo', start: 0, end: 0 }, 10)).toEqual({ start: 0, end: 0, total: 10 });
    expect(resolveRange({ kind: 'fromTo', start: 9, end: 9 }, 10)).toEqual({ start: 9, end: 9, total: 10 });
  });

  it('open-ended ranges run to the end', () => {
    expect(resolveRange({ kind: 'fromTo', start: 3 }, 10)).toEqual({ start: 3, end: 9, total: 10 });
  });

  it('clamps a last byte beyond the end', () => {
    expect(resolveRange({ kind: 'fromTo', start: 5, end: 1000 }, 10)).toEqual({ start: 5, end: 9, total: 10 });
  });

  it('first byte at or past the end is InvalidRange (416) naming range and size', () => {
    const err = invalid(() => resolveRange({ kind: 'fromTo', start: 10, end: 20 }, 10));
    expect(err.code).toBe('InvalidRange');
    expect(err.status).toBe(416);
    expect(err.extra).toEqual({ RangeRequested: 'bytes=10-20', ActualObjectSize: 10 });
    expect(invalid(() => resolveRange({ kind: 'fromTo', start: 11 }, 10)).code).toBe('InvalidRange');
  });

  it('every first-last range on an empty object is unsatisfiable', () => {
    expect(invalid(() => resolveRange({ kind: 'fromTo', start: 0, end: 0 }, 0)).code).toBe('InvalidRange');
    expect(invalid(() => resolveRange({ kind: 'fromTo', start: 0 }, 0)).code).toBe('InvalidRange');
  });

  it('ignores a range whose last byte precedes its first, as S3 does', () => {
    expect(resolveRange({ kind: 'fromTo', start: 5, end: 2 }, 10)).toBeUndefined();
  });

  it('ignores nonsense offsets instead of failing', () => {
    expect(resolveRange({ kind: 'fromTo', start: -1, end: 2 }, 10)).toBeUndefined();
    expect(resolveRange({ kind: 'fromTo', start: 1.5 }, 10)).toBeUndefined();
    expect(resolveRange({ kind: 'suffix', length: Number.NaN }, 10)).toBeUndefined();
  });

  it('suffix ranges take the last N bytes, or all of them', () => {
    expect(resolveRange({ kind: 'suffix', length: 3 }, 10)).toEqual({ start: 7, end: 9, total: 10 });
    expect(resolveRange({ kind: 'suffix', length: 10 }, 10)).toEqual({ start: 0, end: 9, total: 10 });
    expect(resolveRange({ kind: 'suffix', length: 50 }, 10)).toEqual({ start: 0, end: 9, total: 10 });
  });

  it('bytes=-0 is unsatisfiable', () => {
    const err = invalid(() => resolveRange({ kind: 'suffix', length: 0 }, 10));
    expect(err.extra).toEqual({ RangeRequested: 'bytes=-0', ActualObjectSize: 10 });
  });

  it('a non-zero suffix on an empty object serves the whole (empty) object', () => {
    expect(resolveRange({ kind: 'suffix', length: 5 }, 0)).toBeUndefined();
  });
});
