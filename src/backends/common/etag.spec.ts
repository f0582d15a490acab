import { etagHeaderMatches, quoteEtag, unquoteEtag } from './etag';

describe('etag helpers', () => {
  it('quotes and unquotes idempotently', () => {
    expect(quoteEtag('abc')).toBe('"abc"');
    expect(quoteEtag('"abc"')).toBe('"abc"');
    expect(unquoteEtag('"abc"')).toBe('abc');
    expect(unquoteEtag('abc')).toBe('abc');
    expect(unquoteEtag('W/"abc"')).toBe('abc');
    expect(unquoteEtag('"abc-3"')).toBe('abc-3');
  });

  it('matches header lists', () => {
    expect(etagHeaderMatches('"a" , "b"', '"b"')).toBe(true);
    expect(etagHeaderMatches('"a",,', 'b')).toBe(false);
    expect(etagHeaderMatches('*', 'anything')).toBe(true);
  });
});
