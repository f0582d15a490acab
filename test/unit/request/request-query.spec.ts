import { parseQuery } from '../../../src/request/request-query';

/**
 * The query is parsed once for every layer: the routes read it as they read URLSearchParams
 * before, SigV4 reads the raw forms. Both views are checked here against what they replaced.
 */
describe('parseQuery', () => {
  const CASES = [
    '',
    'list-type=2',
    'prefix=a+b&delimiter=%2F',
    'prefix=a%2Bb',
    'uploads',
    'uploads=',
    'a&&b=&=c',
    'x=1&x=2',
    'k=%E1%88%B4&%e1%88%b4=v',
    'bad=%zz&trunc=%E1%88&stray=%',
    'k=é%20',
    'response-content-type=text%2Fplain%3B+charset%3Dutf-8',
    'X-Amz-Credential=AK%2F20261202%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=abc',
  ];

  it.each(CASES)('answers get, has and size as URLSearchParams does for %p', (raw) => {
    const ours = parseQuery(raw);
    const theirs = new URLSearchParams(raw);
    expect(ours.size).toBe(theirs.size);
    for (const name of new Set([...theirs.keys(), 'absent', 'x', 'stray'])) {
      expect(ours.get(name)).toBe(theirs.get(name));
      expect(ours.has(name)).toBe(theirs.has(name));
    }
  });

  it('keeps every parameter as received, in order, for the signature', () => {
    const query = parseQuery('b=2+3&a=%41&flag&c=');
    expect(query.raw).toBe('b=2+3&a=%41&flag&c=');
    expect(query.params).toEqual([
      { name: 'b', value: '2 3', rawName: 'b', rawValue: '2+3' },
      { name: 'a', value: 'A', rawName: 'a', rawValue: '%41' },
      { name: 'flag', value: '', rawName: 'flag', rawValue: '' },
      { name: 'c', value: '', rawName: 'c', rawValue: '' },
    ]);
  });

  // Request lines are ASCII (clients percent-encode the rest), so the random strings are too.
  it('reads random query strings as URLSearchParams does', () => {
    const alphabet = ['a', 'b', '=', '&', '+', '%', '2', 'F', '%2B', '%20', '%E1%88%B4', '~', '.'];
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 500; i++) {
      let raw = '';
      for (let n = Math.floor(random() * 12); n > 0; n--) raw += alphabet[Math.floor(random() * alphabet.length)];
      const ours = parseQuery(raw);
      const theirs = new URLSearchParams(raw);
      expect([ours.size, ...[...theirs.keys()].map((k) => ours.get(k))]).toEqual([theirs.size, ...[...theirs.keys()].map((k) => theirs.get(k))]);
    }
  });
});
