import type { AccessLogEntry } from '../../../src/access-log/access-log-entry';
import { accessLogLine, clfTime } from '../../../src/access-log/access-log-line';
import type { OperationRecord } from '../../../src/journal/history/operation-record';

const RECORD: OperationRecord = {
  traceId: 'a'.repeat(32),
  requestId: '0000000000000007',
  operation: 'PutObject',
  bucket: 'photos',
  key: '2026/cat one.jpg',
  uploadId: null,
  partNumber: null,
  accessKey: 'AKIAEXAMPLE',
  role: 'user',
  clientAddress: '127.0.0.1',
  userAgent: 'aws-sdk-js/3 "quoted"',
  httpStatus: 200,
  errorCode: null,
  bytesIn: 4096,
  bytesOut: 0,
  startedAt: Date.UTC(2019, 1, 6, 0, 0, 38),
  durationMs: 7.4,
  authMs: 0.1,
  backendMs: 5,
  completed: true,
};

function entry(record: Partial<OperationRecord>, extra: Partial<AccessLogEntry> = {}): AccessLogEntry {
  return {
    record: { ...RECORD, ...record },
    method: 'PUT',
    url: '/photos/2026/cat%20one.jpg',
    httpVersion: '1.1',
    host: '127.0.0.1:7070',
    referer: undefined,
    authMethod: 'v4-header',
    versionId: null,
    tls: undefined,
    ...extra,
  };
}

/** How log readers split a line: quoted and bracketed fields hold spaces, the others do not. */
function fieldsOf(line: string): string[] {
  return (line.match(/"[^"]*"|\[[^\]]*\]|\S+/g) ?? []).map((field) => field.replace(/^"(.*)"$/, '$1'));
}

describe('accessLogLine', () => {
  it('writes the 26 fields of the S3 server access log format in AWS order', () => {
    const line = accessLogLine(entry({}));
    expect(line).toBe(
      '- photos [06/Feb/2019:00:00:38 +0000] 127.0.0.1 AKIAEXAMPLE 0000000000000007 PutObject 2026/cat%20one.jpg ' +
        '"PUT /photos/2026/cat%20one.jpg HTTP/1.1" 200 - - 4096 7 - "-" "aws-sdk-js/3 %22quoted%22" - - SigV4 - AuthHeader 127.0.0.1:7070 - - -',
    );
    expect(fieldsOf(line)).toHaveLength(26);
  });

  it('writes an anonymous, refused request without requester or signature', () => {
    const line = accessLogLine(
      entry({ operation: 'GetObject', role: null, accessKey: 'CLAIMED', httpStatus: 403, errorCode: 'SignatureDoesNotMatch', bytesOut: 312 }, { method: 'GET' }),
    );
    const fields = fieldsOf(line);
    expect(fields[4]).toBe('-');
    expect(fields[9]).toBe('403');
    expect(fields[10]).toBe('SignatureDoesNotMatch');
    expect(fields[11]).toBe('312');
    expect(fields[12]).toBe('-');
    expect(fields[19]).toBe('-');
    expect(fields[21]).toBe('-');
  });

  it('writes TLS, presigned and versioned requests with their fields', () => {
    const line = accessLogLine(
      entry(
        { operation: 'GetObject', bytesIn: 0, bytesOut: 10 },
        { method: 'GET', authMethod: 'v4-query', versionId: 'v1', tls: { cipher: 'TLS_AES_256_GCM_SHA384', version: 'TLSv1.3' }, referer: 'https://example.com/' },
      ),
    );
    const fields = fieldsOf(line);
    expect(fields[12]).toBe('10');
    expect(fields[15]).toBe('https://example.com/');
    expect(fields[17]).toBe('v1');
    expect(fields[20]).toBe('TLS_AES_256_GCM_SHA384');
    expect(fields[21]).toBe('QueryString');
    expect(fields[23]).toBe('TLSv1.3');
  });

  it('formats the time as the common log format does, in UTC', () => {
    expect(clfTime(Date.UTC(2026, 11, 3, 6, 5, 4))).toBe('03/Dec/2026:06:05:04 +0000');
  });
});
