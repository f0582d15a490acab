import { closingDelimiterLength, filePartOffset } from '../../../src/s3/http/post-object/file-part-offset';

const part = (boundary: string, headers: string, body: string): string => `--${boundary}\r\n${headers}\r\n\r\n${body}\r\n`;

describe('filePartOffset', () => {
  const b = 'XyZ';
  const fields = part(b, 'Content-Disposition: form-data; name="key"', 'a\r\n\r\nb') + part(b, 'Content-Disposition: form-data; name="policy"', 'p');

  it('finds where the first file part\'s bytes start, past fields whose values hold blank lines', () => {
    const fileHeaders = `--${b}\r\nContent-Disposition: form-data; name="file"; filename="f.txt"\r\nContent-Type: text/plain\r\n\r\n`;
    const body = Buffer.from(`${fields}${fileHeaders}DATA\r\n--${b}--\r\n`);
    const offset = filePartOffset(body, b);
    expect(offset).toBe(Buffer.byteLength(fields + fileHeaders));
    expect(body.length - (offset ?? 0) - closingDelimiterLength(b)).toBe(4);
  });

  it('takes a part of Content-Type application/octet-stream for a file, as busboy does', () => {
    const headers = `--${b}\r\nContent-Disposition: form-data; name="file"\r\ncontent-type: application/octet-stream\r\n\r\n`;
    expect(filePartOffset(Buffer.from(`${fields}${headers}x`), b)).toBe(Buffer.byteLength(fields + headers));
  });

  it('is undefined until the file part\'s headers have arrived', () => {
    expect(filePartOffset(Buffer.from(`${fields}--${b}\r\nContent-Disposition: form-data; name="file"; filename="f"`), b)).toBeUndefined();
    expect(filePartOffset(Buffer.from(fields), b)).toBeUndefined();
  });
});
