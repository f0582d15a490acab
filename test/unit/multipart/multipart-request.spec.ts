import { checkPartOrder } from '../../../src/operations/multipart/complete-multipart-upload/part-list';
import { readCompletedParts } from '../../../src/s3/http/routes/complete-multipart-upload.route';
import { parsePartNumber, readLimit, readPartNumberMarker } from '../../../src/s3/http/routes/multipart-request';
import { readChecksumSpec } from '../../../src/s3/http/headers/checksum-headers';
import { readTaggingHeader as readTagging } from '../../../src/s3/http/tagging/tagging-header';
import { parseXml } from '../../../src/s3/http/xml/xml-body-reader';
import { S3Error } from '../../../src/s3/errors/s3-error';

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    if (err instanceof S3Error) return err.code;
    throw err;
  }
  return 'ok';
};

describe('multipart request parsing', () => {
  it('part numbers are 1..10000 (InvalidArgument otherwise)', () => {
    expect(parsePartNumber('1')).toBe(1);
    expect(parsePartNumber('10000')).toBe(10000);
    for (const bad of ['0', '10001', '-1', '1.5', 'abc', '', null, '00001x']) expect(codeOf(() => parsePartNumber(bad))).toBe('InvalidArgument');
  });

  it('max-parts / max-uploads are capped at 1000; part-number-marker must be an integer', () => {
    const q = (s: string) => new URLSearchParams(s);
    expect(readLimit(q(''), 'max-parts')).toBe(1000);
    expect(readLimit(q('max-parts=5000'), 'max-parts')).toBe(1000);
    expect(readLimit(q('max-parts=0'), 'max-parts')).toBe(0);
    expect(codeOf(() => readLimit(q('max-uploads=-1'), 'max-uploads'))).toBe('InvalidArgument');
    expect(readPartNumberMarker(q('part-number-marker=7'))).toBe(7);
    expect(codeOf(() => readPartNumberMarker(q('part-number-marker=x')))).toBe('InvalidArgument');
  });

  it('checksum algorithm and type: AWS defaults and refusals', () => {
    expect(readChecksumSpec({})).toBeUndefined();
    expect(readChecksumSpec({ 'x-amz-checksum-algorithm': 'crc32' })).toEqual({ algorithm: 'CRC32', type: 'COMPOSITE' });
    expect(readChecksumSpec({ 'x-amz-checksum-algorithm': 'CRC64NVME' })).toEqual({ algorithm: 'CRC64NVME', type: 'FULL_OBJECT' });
    expect(readChecksumSpec({ 'x-amz-checksum-algorithm': 'CRC32C', 'x-amz-checksum-type': 'FULL_OBJECT' })).toEqual({ algorithm: 'CRC32C', type: 'FULL_OBJECT' });
    for (const headers of [
      { 'x-amz-checksum-type': 'COMPOSITE' },
      { 'x-amz-checksum-algorithm': 'MD5' },
      { 'x-amz-checksum-algorithm': 'SHA256', 'x-amz-checksum-type': 'FULL_OBJECT' },
      { 'x-amz-checksum-algorithm': 'CRC64NVME', 'x-amz-checksum-type': 'COMPOSITE' },
      { 'x-amz-checksum-algorithm': 'CRC32', 'x-amz-checksum-type': 'PARTIAL' },
    ]) {
      expect(codeOf(() => readChecksumSpec(headers))).toBe('InvalidRequest');
    }
  });

  it('x-amz-tagging: URL-encoded pairs within S3 limits', () => {
    expect(readTagging({ 'x-amz-tagging': 'a=1&b=two%20words' })).toEqual({ a: '1', b: 'two words' });
    expect(readTagging({})).toBeUndefined();
    expect(codeOf(() => readTagging({ 'x-amz-tagging': 'a=1&a=2' }))).toBe('InvalidArgument');
    expect(codeOf(() => readTagging({ 'x-amz-tagging': `${'k'.repeat(129)}=v` }))).toBe('InvalidTag');
    expect(codeOf(() => readTagging({ 'x-amz-tagging': `k=${'v'.repeat(257)}` }))).toBe('InvalidTag');
    expect(codeOf(() => readTagging({ 'x-amz-tagging': Array.from({ length: 11 }, (_, i) => `k${i}=v`).join('&') }))).toBe('BadRequest');
    expect(codeOf(() => readTagging({ 'x-amz-tagging': 'aws:owner=me' }))).toBe('InvalidTag');
    expect(codeOf(() => readTagging({ 'x-amz-tagging': 'k=%7Bbraces%7D' }))).toBe('InvalidTag');
    expect(readTagging({ 'x-amz-tagging': 'équipe=données+ok&path=/a/b@c:d' })).toEqual({ équipe: 'données ok', path: '/a/b@c:d' });
  });

  describe('the CompleteMultipartUpload document', () => {
    const doc = (xml: string) => readCompletedParts(parseXml(xml));

    it('reads parts (one or many), unquotes ETags, keeps a listed checksum', () => {
      expect(doc('<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"abc"</ETag></Part></CompleteMultipartUpload>')).toEqual([{ partNumber: 1, etag: 'abc' }]);
      expect(
        doc(
          '<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Part><ETag>a</ETag><PartNumber>1</PartNumber><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part><Part><PartNumber>3</PartNumber><ETag>b</ETag></Part></CompleteMultipartUpload>',
        ),
      ).toEqual([
        { partNumber: 1, etag: 'a', checksum: { algorithm: 'CRC32', value: 'AAAAAA==' } },
        { partNumber: 3, etag: 'b' },
      ]);
    });

    it('decodes character references, as Go clients (rclone, minio-go) escape the ETag quotes', () => {
      expect(doc('<CompleteMultipartUpload><Part><ETag>&#34;abc&#34;</ETag><PartNumber>1</PartNumber></Part><Part><PartNumber>2</PartNumber><ETag>&#x22;def&#x22;</ETag></Part></CompleteMultipartUpload>')).toEqual([
        { partNumber: 1, etag: 'abc' },
        { partNumber: 2, etag: 'def' },
      ]);
    });

    it.each([
      ['no document', undefined],
      ['another root', '<Other/>'],
      ['no parts', '<CompleteMultipartUpload></CompleteMultipartUpload>'],
      ['a part without ETag', '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>'],
      ['a part without number', '<CompleteMultipartUpload><Part><ETag>a</ETag></Part></CompleteMultipartUpload>'],
      ['a number that is no number', '<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>a</ETag></Part></CompleteMultipartUpload>'],
      ['an entity XML does not define', '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&copy;a</ETag></Part></CompleteMultipartUpload>'],
      ['a bare ampersand', '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>a & b</ETag></Part></CompleteMultipartUpload>'],
      ['a character reference past Unicode', '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&#x110000;</ETag></Part></CompleteMultipartUpload>'],
      ['a reference to NUL', '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>a&#0;</ETag></Part></CompleteMultipartUpload>'],
    ])('is MalformedXML with %s', (_label, xml) => {
      expect(codeOf(() => readCompletedParts(xml === undefined ? undefined : parseXml(xml)))).toBe('MalformedXML');
    });

    it('refuses part numbers out of range (InvalidArgument) and parts out of order or repeated (InvalidPartOrder)', () => {
      expect(codeOf(() => doc('<CompleteMultipartUpload><Part><PartNumber>0</PartNumber><ETag>a</ETag></Part></CompleteMultipartUpload>'))).toBe('InvalidArgument');
      expect(codeOf(() => checkPartOrder([{ partNumber: 2, etag: 'a' }, { partNumber: 1, etag: 'b' }]))).toBe('InvalidPartOrder');
      expect(codeOf(() => checkPartOrder([{ partNumber: 2, etag: 'a' }, { partNumber: 2, etag: 'a' }]))).toBe('InvalidPartOrder');
      expect(codeOf(() => checkPartOrder([{ partNumber: 1, etag: 'a' }, { partNumber: 5, etag: 'b' }]))).toBe('ok');
    });
  });
});
