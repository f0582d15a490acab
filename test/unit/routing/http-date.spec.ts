import { formatHttpDate } from '../../../src/s3/http/headers/http-date';

describe('formatHttpDate', () => {
  it('writes what Date.toUTCString writes', () => {
    for (const time of [0, 1_733_248_200_123, 1_733_248_200_999, -86_400_000, 253_402_300_799_000]) {
      expect(formatHttpDate(new Date(time))).toBe(new Date(time).toUTCString());
    }
  });

  it('tells apart times whose seconds share a cache slot', () => {
    const first = new Date(1_733_248_200_000);
    const sameSlot = new Date(first.getTime() + 64_000);
    expect(formatHttpDate(first)).toBe(first.toUTCString());
    expect(formatHttpDate(sameSlot)).toBe(sameSlot.toUTCString());
    expect(formatHttpDate(first)).toBe(first.toUTCString());
  });

  it('writes Invalid Date for an invalid time, as toUTCString does', () => {
    expect(formatHttpDate(new Date(Number.NaN))).toBe('Invalid Date');
  });
});
