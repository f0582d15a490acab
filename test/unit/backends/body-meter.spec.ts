import { createHash } from 'node:crypto';
import { BodyMeter } from '../../../src/backends/posix/body-meter';

/** The ETag of every PUT: one chunk is digested at the end in one call, more as they arrive. */
describe('BodyMeter', () => {
  const md5 = (parts: Buffer[]): Buffer => parts.reduce((h, p) => h.update(p), createHash('md5')).digest();
  const body = (sizes: number[]): Buffer[] => sizes.map((size, i) => Buffer.alloc(size, 97 + i));

  it.each([[[]], [[0]], [[4096]], [[100, 200]], [[1, 2, 3, 65536, 5]]])('gives the MD5 of chunks of %p bytes', (sizes: number[]) => {
    const chunks = body(sizes);
    const total = sizes.reduce((a, b) => a + b, 0);
    const meter = new BodyMeter(total);
    for (const chunk of chunks) meter.add(chunk);
    expect(meter.bytes).toBe(total);
    expect(meter.check({ contentLength: total }).equals(md5(chunks))).toBe(true);
  });

  it('checks Content-MD5, one chunk or several', () => {
    for (const sizes of [[10], [4, 6]]) {
      const chunks = body(sizes);
      const right = new BodyMeter(10);
      const wrong = new BodyMeter(10);
      for (const chunk of chunks) {
        right.add(chunk);
        wrong.add(chunk);
      }
      expect(right.check({ contentLength: 10, contentMd5: md5(chunks) }).equals(md5(chunks))).toBe(true);
      expect(() => wrong.check({ contentLength: 10, contentMd5: md5([Buffer.from('other')]) })).toThrow(expect.objectContaining({ code: 'BadDigest' }));
    }
  });

  it('refuses a body longer or shorter than announced', () => {
    const long = new BodyMeter(3);
    expect(() => long.add(Buffer.from('four'))).toThrow(expect.objectContaining({ code: 'IncompleteBody' }));
    const short = new BodyMeter(5);
    short.add(Buffer.from('abc'));
    expect(() => short.check({ contentLength: 5 })).toThrow(expect.objectContaining({ code: 'IncompleteBody' }));
  });
});
