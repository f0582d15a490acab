/**
 * Where the file's bytes start in a multipart/form-data body: the end of the header block of the
 * first part busboy takes for a file (a `filename` parameter, or Content-Type
 * application/octet-stream). Read from the bytes before it, which S3 bounds, so that the file's
 * length follows from Content-Length before a byte of it is stored: the posix write needs it.
 * Undefined while `prefix` does not reach that far.
 */
export function filePartOffset(prefix: Buffer, boundary: string): number | undefined {
  const delimiter = Buffer.from(`--${boundary}`);
  let at = prefix.indexOf(delimiter);
  while (at >= 0) {
    const headersStart = at + delimiter.length + 2;
    const headersEnd = prefix.indexOf(HEADERS_END, headersStart);
    if (headersEnd < 0) return undefined;
    if (isFilePart(prefix.toString('latin1', headersStart, headersEnd))) return headersEnd + HEADERS_END.length;
    at = prefix.indexOf(delimiter, headersEnd);
  }
  return undefined;
}

const HEADERS_END = Buffer.from('\r\n\r\n');

function isFilePart(headers: string): boolean {
  const lines = headers.split('\r\n').map((line) => line.toLowerCase());
  const disposition = lines.find((line) => line.startsWith('content-disposition:')) ?? '';
  const type = lines.find((line) => line.startsWith('content-type:'));
  return /;\s*filename\*?=/.test(disposition) || type?.slice('content-type:'.length).trim().split(';')[0] === 'application/octet-stream';
}

/** What follows the file when it is the form's last part, as browsers and SDKs send it: CRLF, the closing delimiter, CRLF. */
export function closingDelimiterLength(boundary: string): number {
  return `\r\n--${boundary}--\r\n`.length;
}
