import type { AccessLogEntry } from './access-log-entry';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Operations whose request body is the object (or part) written: its size is the line's object size. */
const BODY_IS_OBJECT: ReadonlySet<string> = new Set(['PutObject', 'UploadPart']);

/**
 * One line of the S3 server access log format (AWS's "Amazon S3 server access log format", which
 * VersityGW's --access-log writes too), fields in AWS's order, `-` for what is not known:
 *
 * bucket-owner bucket [time] remote-ip requester request-id operation key "request-uri" status
 * error-code bytes-sent object-size total-time turn-around-time "referer" "user-agent" version-id
 * host-id signature-version cipher-suite authentication-type host-header tls-version
 * access-point-arn acl-required
 *
 * The operation is the S3 operation name (`GetObject`), as in the operation history; VersityGW
 * writes its action names there too rather than AWS's `REST.GET.OBJECT`.
 */
export function accessLogLine(entry: AccessLogEntry): string {
  const r = entry.record;
  const authenticated = r.role !== null;
  const fields = [
    '-',
    r.bucket ?? '-',
    `[${clfTime(r.startedAt)}]`,
    r.clientAddress ?? '-',
    authenticated ? (r.accessKey ?? '-') : '-',
    r.requestId || '-',
    r.operation ?? '-',
    r.key === null ? '-' : encodeKey(r.key),
    quoted(`${entry.method} ${entry.url} HTTP/${entry.httpVersion}`),
    String(r.httpStatus),
    r.errorCode ?? '-',
    r.bytesOut > 0 ? String(r.bytesOut) : '-',
    objectSize(entry),
    String(Math.round(r.durationMs)),
    // Turn-around time (last request byte to first response byte) is not measured.
    '-',
    quoted(entry.referer ?? '-'),
    quoted(r.userAgent ?? '-'),
    entry.versionId ?? '-',
    // Host id (x-amz-id-2): tracegw sends none.
    '-',
    authenticated ? signatureVersion(entry) : '-',
    entry.tls?.cipher ?? '-',
    authenticationType(entry),
    token(entry.host),
    entry.tls?.version ?? '-',
    '-',
    '-',
  ];
  return fields.join(' ');
}

/** `06/Feb/2019:00:00:38 +0000`: the common log format's time, in UTC. */
export function clfTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** AWS logs keys URL-encoded: a key with spaces must not shift the fields after it. */
function encodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/');
}

/** Quoted fields may not hold a quote of their own, or the line would not split back into its fields. */
function quoted(text: string): string {
  return `"${text.replace(/"/g, '%22')}"`;
}

/** An unquoted field: one token, never empty. */
function token(text: string | undefined): string {
  return text === undefined || text === '' ? '-' : text.replace(/\s/g, '%20');
}

function objectSize(entry: AccessLogEntry): string {
  const r = entry.record;
  if (r.httpStatus >= 300) return '-';
  if (r.operation !== null && BODY_IS_OBJECT.has(r.operation)) return String(r.bytesIn);
  if (r.operation === 'GetObject' && r.httpStatus === 200) return String(r.bytesOut);
  return '-';
}

/** AWS's Signature Version field: the form that verified the request. */
function signatureVersion(entry: AccessLogEntry): string {
  if (entry.authMethod === 'console-session') return '-';
  return entry.authMethod?.startsWith('v2-') ? 'SigV2' : 'SigV4';
}

/** AWS's Authentication Type: the credentials in a header or in the query; '-' for anything else (a POST form's policy, anonymous). */
function authenticationType(entry: AccessLogEntry): string {
  if (entry.record.role === null) return '-';
  switch (entry.authMethod) {
    case 'v4-header':
    case 'v4-streaming':
    case 'v2-header':
      return 'AuthHeader';
    case 'v4-query':
    case 'v2-query':
      return 'QueryString';
    default:
      return '-';
  }
}
