import type { Attributes } from '@opentelemetry/api';
import { ATTR, SPAN } from './attributes';
import { recorded, type SpanParent, withSpan } from './with-span';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function setScalar(into: Attributes, attribute: string, value: unknown): void {
  if (typeof value === 'string' || typeof value === 'number') into[attribute] = value;
}

/**
 * The guide's S3 attributes from the fields of a command input or result (backend.types.ts), read
 * by name: an operation added later gets its attributes as long as it names its fields as the
 * others do. Named reads, not a loop over names: this runs for every command.
 */
function collect(source: unknown, into: Attributes): void {
  if (!isRecord(source)) return;
  setScalar(into, ATTR.s3Bucket, source.bucket);
  setScalar(into, ATTR.s3Key, source.key);
  setScalar(into, ATTR.s3UploadId, source.uploadId);
  setScalar(into, ATTR.s3PartNumber, source.partNumber);
  setScalar(into, ATTR.s3PartCount, source.partCount);
  setScalar(into, ATTR.s3ContentLength, source.size);
  setScalar(into, ATTR.s3ContentLength, source.contentLength);
  setScalar(into, ATTR.s3Etag, source.etag);
  setScalar(into, ATTR.s3VersionId, source.versionId);
  if (Array.isArray(source.parts)) into[ATTR.s3PartCount] = source.parts.length;
}

/** S3 attributes of what a command asks for: its `input` when it has one. */
export function commandAttributes(command: object): Attributes {
  const attributes: Attributes = {};
  collect('input' in command ? command.input : command, attributes);
  return attributes;
}

/**
 * S3 attributes of what a command returned: the object's info (size, etag), then the result's own
 * fields; a ranged read reports the bytes it serves.
 */
export function resultAttributes(result: unknown): Attributes {
  const attributes: Attributes = {};
  if (!isRecord(result)) return attributes;
  collect(result.info, attributes);
  collect(result, attributes);
  const range = result.range;
  if (isRecord(range) && typeof range.start === 'number' && typeof range.end === 'number') {
    attributes[ATTR.s3ContentLength] = range.end - range.start + 1;
  }
  return attributes;
}

/**
 * Runs one command inside `Backend.<Operation>`, a child of `parent` (the request's root span), with
 * backend.type, backend.operation, the S3 attributes of its input and result, and duration_ms; `run`
 * is handed the span, the parent of the backend's own spans. With tracing off, or in a request the
 * sampler dropped, it only runs the command.
 */
export function traceCommand<T>(parent: SpanParent, command: { readonly operation: string }, backendType: string, run: (span: SpanParent) => Promise<T>): Promise<T> {
  if (!recorded(parent)) return run(undefined);
  const attributes = commandAttributes(command);
  attributes[ATTR.backendType] = backendType;
  attributes[ATTR.backendOperation] = command.operation;
  return withSpan(parent, SPAN.backend(command.operation), { attributes }, async (span) => {
    const result = await run(span);
    span.setAttributes(resultAttributes(result));
    return result;
  });
}
