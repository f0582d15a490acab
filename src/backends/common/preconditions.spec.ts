import { S3Error } from '../../s3/errors/s3-error';
import type { ReadConditions } from '../backend.types';
import { evaluatePreconditions } from './preconditions';

const target = { etag: 'abc123', lastModified: new Date('2024-05-01T12:00:00.750Z') };
const before = new Date('2024-05-01T11:00:00Z');
const sameSecond = new Date('2024-05-01T12:00:00Z');
const after = new Date('2024-05-01T13:00:00Z');

function outcome(conditions: ReadConditions): string {
  try {
    evaluatePreconditions(target, conditions);
    return 'ok';
  } catch (err) {
    if (err instanceof S3Error) return `${err.status} ${err.code}`;
    throw err;
  }
}

describe('evaluatePreconditions', () => {
  it('passes without conditions', () => {
    expect(outcome({})).toBe('ok');
  });

  describe('If-Match', () => {
    it('matches quoted, bare, weak, listed and * forms', () => {
      for (const ifMatch of ['"abc123"', 'abc123', 'W/"abc123"', '"x", "abc123"', '*']) {
        expect(outcome({ ifMatch })).toBe('ok');
      }
    });
    it('fails with 412 naming the condition', () => {
      expect(outcome({ ifMatch: '"other"' })).toBe('412 PreconditionFailed');
      try {
        evaluatePreconditions(target, { ifMatch: '"other"' });
      } catch (err) {
        expect((err as S3Error).extra).toEqual({ Condition: 'If-Match' });
      }
    });
    it('true If-Match overrides a false If-Unmodified-Since', () => {
      expect(outcome({ ifMatch: '"abc123"', ifUnmodifiedSince: before })).toBe('ok');
    });
  });

  describe('If-Unmodified-Since', () => {
    it('fails when modified after the date', () => {
      expect(outcome({ ifUnmodifiedSince: before })).toBe('412 PreconditionFailed');
    });
    it('passes at the same second (HTTP dates have no milliseconds) and later', () => {
      expect(outcome({ ifUnmodifiedSince: sameSecond })).toBe('ok');
      expect(outcome({ ifUnmodifiedSince: after })).toBe('ok');
    });
    it('ignores an invalid date', () => {
      expect(outcome({ ifUnmodifiedSince: new Date('nope') })).toBe('ok');
    });
  });

  describe('If-None-Match', () => {
    it('304 when it matches, * included', () => {
      expect(outcome({ ifNoneMatch: '"abc123"' })).toBe('304 NotModified');
      expect(outcome({ ifNoneMatch: '*' })).toBe('304 NotModified');
    });
    it('passes when it does not match', () => {
      expect(outcome({ ifNoneMatch: '"other"' })).toBe('ok');
    });
    it('a matching If-None-Match wins over a true If-Modified-Since (304)', () => {
      expect(outcome({ ifNoneMatch: '"abc123"', ifModifiedSince: before })).toBe('304 NotModified');
    });
    it('a non-matching If-None-Match overrides a false If-Modified-Since (200)', () => {
      expect(outcome({ ifNoneMatch: '"other"', ifModifiedSince: after })).toBe('ok');
    });
  });

  describe('If-Modified-Since', () => {
    it('304 when not modified since', () => {
      expect(outcome({ ifModifiedSince: sameSecond })).toBe('304 NotModified');
      expect(outcome({ ifModifiedSince: after })).toBe('304 NotModified');
    });
    it('passes when modified since', () => {
      expect(outcome({ ifModifiedSince: before })).toBe('ok');
    });
  });

  it('412 is decided before 304', () => {
    expect(outcome({ ifMatch: '"other"', ifNoneMatch: '"abc123"' })).toBe('412 PreconditionFailed');
    expect(outcome({ ifUnmodifiedSince: before, ifModifiedSince: after })).toBe('412 PreconditionFailed');
  });

  it('an object without an ETag matches no real ETag', () => {
    const bare = { etag: '', lastModified: target.lastModified };
    expect(() => evaluatePreconditions(bare, { ifMatch: '""' })).not.toThrow();
    expect(() => evaluatePreconditions(bare, { ifMatch: '"abc123"' })).toThrow(S3Error);
  });
});
