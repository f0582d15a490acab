import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { ATTR, SPAN } from './attributes';
import { recorded, type SpanParent, withSpan } from './with-span';

/** Where the attributes read from a command go: straight onto its span, or into an object. */
interface AttributeSink {
  setAttribute(key: string, value: AttributeValue): unknown;
}

/** A plain object (inputs and results are): not an array, a Buffer body or a stream, whose fields are no S3 attributes. */
function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function setScalar(into: AttributeSink, attribute: string, value: unknown): void {
  if (typeof value === 'string' || typeof value === 'number') into.setAttribute(attribute, value);
}

/**
 * The guide's S3 attributes from the fields of a command input or result (backend.types.ts), read
 * by name: an operation added later gets its attributes as long as it names its fields as the
 * others do. The fields an object has are walked, rather than every name looked up: most names
 * are missing from most objects, and a missing property is the slow lookup.
 */
/** The attribute each scalar field names (a Map: looking up a field no S3 attribute has is then cheap too). */
const SCALAR_FIELDS: ReadonlyMap<string, string> = new Map([
  ['bucket', ATTR.s3Bucket],
  ['key', ATTR.s3Key],
  ['uploadId', ATTR.s3UploadId],
  ['partNumber', ATTR.s3PartNumber],
  ['partCount', ATTR.s3PartCount],
  ['size', ATTR.s3ContentLength],
  ['contentLength', ATTR.s3ContentLength],
  ['etag', ATTR.s3Etag],
  ['versionId', ATTR.s3VersionId],
]);

function collect(source: unknown, into: AttributeSink): void {
  if (!isRecord(source)) return;
  for (const field in source) {
    const value = source[field];
    const attribute = SCALAR_FIELDS.get(field);
    if (attribute !== undefined) setScalar(into, attribute, value);
    else if (field === 'parts' && Array.isArray(value)) into.setAttribute(ATTR.s3PartCount, value.length);
  }
}

function collectCommand(command: object, into: AttributeSink): void {
  collect('input' in command ? command.input : command, into);
}

/** The object's info (size, etag), then the result's own fields; a ranged read reports the bytes it serves. */
function collectResult(result: unknown, into: AttributeSink): void {
  if (!isRecord(result)) return;
  collect(result.info, into);
  collect(result, into);
  const range = result.range;
  if (isRecord(range) && typeof range.start === 'number' && typeof range.end === 'number') {
    into.setAttribute(ATTR.s3ContentLength, range.end - range.start + 1);
  }
}

function attributesOf(fill: (into: AttributeSink) => void): Attributes {
  const attributes: Attributes = {};
  fill({ setAttribute: (key, value) => (attributes[key] = value) });
  return attributes;
}

/** S3 attributes of what a command asks for: its `input` when it has one. */
export function commandAttributes(command: object): Attributes {
  return attributesOf((into) => collectCommand(command, into));
}

/** S3 attributes of what a command returned. */
export function resultAttributes(result: unknown): Attributes {
  return attributesOf((into) => collectResult(result, into));
}

/**
 * Runs one command inside `Backend.<Operation>`, a child of `parent` (the request's root span), with
 * backend.type, backend.operation, the S3 attributes of its input and result, and duration_ms; `run`
 * is handed the span, the parent of the backend's own spans. The attributes go onto the span as
 * they are read, with no object in between. With tracing off, or in a request the sampler
 * dropped, it only runs the command.
 */
export function traceCommand<T>(parent: SpanParent, command: { readonly operation: string }, backendType: string, run: (span: SpanParent) => Promise<T>): Promise<T> {
  if (!recorded(parent)) return run(undefined);
  return withSpan(parent, SPAN.backend(command.operation), {}, async (span) => {
    span.setAttribute(ATTR.backendType, backendType);
    span.setAttribute(ATTR.backendOperation, command.operation);
    collectCommand(command, span);
    const result = await run(span);
    collectResult(result, span);
    return result;
  });
}
