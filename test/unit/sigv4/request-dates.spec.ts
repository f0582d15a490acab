import { isValidYyyyMmDd } from '../../../src/s3/auth/credential';
import { parseAmzDate } from '../../../src/s3/auth/request-time';

describe('SigV4 dates: X-Amz-Date and the credential scope date', () => {
  it('parses a real instant of the ISO 8601 basic format to the exact time', () => {
    expect(parseAmzDate('20240229T235959Z')?.toISOString()).toBe('2024-02-29T23:59:59.000Z');
    expect(parseAmzDate('20261202T000000Z')?.toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(parseAmzDate('20001231T120000Z')?.toISOString()).toBe('2000-12-31T12:00:00.000Z');
  });

  it('refuses instants that do not exist and anything off the format', () => {
    for (const bad of [
      '20230229T000000Z', // not a leap year
      '19000229T000000Z', // a century that is not a leap year
      '20240431T000000Z',
      '20241301T000000Z',
      '20240001T000000Z',
      '20240100T000000Z',
      '20240101T240000Z',
      '20240101T006000Z',
      '20240101T000060Z',
      '00000101T000000Z',
      '2024-01-01T00:00:00Z',
      '20240101T000000',
      '20240101T000000Zx',
      '２0240101T000000Z',
      '',
    ]) {
      expect(parseAmzDate(bad)).toBeUndefined();
    }
  });

  it('checks the credential date the same way, also right after a valid date was seen', () => {
    expect(isValidYyyyMmDd('20240229')).toBe(true);
    expect(isValidYyyyMmDd('20240229')).toBe(true);
    for (const bad of ['20230229', '20241231x', '2024123', '20240631', '20241200', 'abcdefgh']) expect(isValidYyyyMmDd(bad)).toBe(false);
    expect(isValidYyyyMmDd('20000229')).toBe(true);
  });
});
