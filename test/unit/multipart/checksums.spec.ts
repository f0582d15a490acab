import { createHash } from 'node:crypto';
import { decodeChecksums, encodeChecksums } from '../../../src/backends/posix/checksums-attr';
import { compositeChecksum, multipartEtag } from '../../../src/backends/posix/multipart/multipart-checksum';

describe("multipart checksums and VersityGW's user.checksums", () => {
  it('writes the JSON Go writes for s3response.Checksum, and reads it back', () => {
    const raw = encodeChecksums({ spec: { algorithm: 'CRC32C', type: 'FULL_OBJECT' }, value: { algorithm: 'CRC32C', value: 'abcd' } });
    expect(raw.toString()).toBe('{"Algorithm":"CRC32C","Type":"FULL_OBJECT","CRC32":null,"CRC32C":"abcd","SHA1":null,"SHA256":null,"CRC64NVME":null}');
    expect(decodeChecksums(raw)).toEqual({ spec: { algorithm: 'CRC32C', type: 'FULL_OBJECT' }, value: { algorithm: 'CRC32C', value: 'abcd' } });
  });

  it("reads a part VersityGW stored without naming its algorithm, and ignores what it cannot read", () => {
    expect(decodeChecksums(Buffer.from('{"Algorithm":"","Type":"","CRC32":null,"SHA256":"xyz"}'))).toEqual({ value: { algorithm: 'SHA256', value: 'xyz' } });
    expect(decodeChecksums(Buffer.from('not json'))).toEqual({});
    expect(decodeChecksums(undefined)).toEqual({});
  });

  it('the multipart ETag is the MD5 of the binary part MD5s, then -N', () => {
    const parts = ['one', 'two'].map((p) => createHash('md5').update(p).digest());
    const expected = `${createHash('md5').update(Buffer.concat(parts)).digest('hex')}-2`;
    expect(multipartEtag(parts.map((p) => p.toString('hex')))).toBe(expected);
  });

  it('a COMPOSITE checksum is the algorithm over the raw part digests, then -N', async () => {
    const digests = ['a', 'b', 'c'].map((p) => createHash('sha256').update(p).digest());
    const expected = `${createHash('sha256').update(Buffer.concat(digests)).digest('base64')}-3`;
    expect(await compositeChecksum('SHA256', digests.map((d) => ({ algorithm: 'SHA256', value: d.toString('base64') })))).toBe(expected);
  });
});
