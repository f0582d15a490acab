import { S3Error } from '../errors/s3-error';

/**
 * A browser upload's policy document (S3's "POST policy"): when it expires and the conditions
 * the form must meet. Messages as AWS words them (VersityGW's auth/post_policy.go follows them too).
 */
export interface PostPolicy {
  expiration: Date;
  conditions: readonly PolicyCondition[];
}

type PolicyCondition =
  | { kind: 'eq' | 'starts-with'; field: string; value: string; text: string }
  | { kind: 'content-length-range'; min: number; max: number };

/**
 * What the conditions are checked against before the file is read: the request's bucket, the key
 * with ${filename} expanded, the fields. The file's length is checked as it streams (lengthRangeOf).
 */
export interface PostPolicyInput {
  bucket: string;
  key: string;
  fields: ReadonlyMap<string, string>;
}

/** The bounds a policy's content-length-range conditions set on the file (all of them hold). */
export interface LengthRange {
  min: number;
  max: number;
}

const invalidPolicy = (detail: string): S3Error => new S3Error('InvalidPolicyDocument', `Invalid Policy: ${detail}`);
const notAccordingToPolicy = (detail: string): S3Error => new S3Error('AccessDenied', `Invalid according to Policy: ${detail}`);
const conditionFailed = (text: string): S3Error => notAccordingToPolicy(`Policy Condition failed: ${text}`);

const EXPIRATION = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
/** Form fields no condition needs to name: the signature's own and x-ignore-*. */
const UNCOVERED_FIELDS: ReadonlySet<string> = new Set(['file', 'policy', 'x-amz-signature', 'signature', 'awsaccesskeyid']);

function decodeDocument(base64: string): unknown {
  const trimmed = base64.trim();
  if (trimmed === '') throw invalidPolicy("Expecting '{' but found End-of-Input");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) throw invalidPolicy('invalid Base64 encoding.');
  try {
    return JSON.parse(Buffer.from(trimmed, 'base64').toString('utf8')) as unknown;
  } catch {
    throw invalidPolicy('Invalid JSON.');
  }
}

/** Decodes and validates the base64 policy; AccessDenied "Policy expired." once `now` is past its expiration. */
export function parsePostPolicy(base64: string, now: Date): PostPolicy {
  const document = decodeDocument(base64);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) throw invalidPolicy('Invalid JSON.');
  const { expiration, conditions, ...rest } = document as Record<string, unknown>;
  const unexpected = Object.keys(rest)[0];
  if (unexpected !== undefined) throw invalidPolicy(`Unexpected: "${unexpected}"`);
  if (expiration === undefined) throw invalidPolicy('Policy missing expiration.');
  if (conditions === undefined) throw invalidPolicy('Policy missing conditions.');
  if (typeof expiration !== 'string' || !EXPIRATION.test(expiration)) throw invalidPolicy(`Invalid 'expiration' value: '${String(expiration)}'`);
  if (!Array.isArray(conditions)) throw invalidPolicy("Invalid 'conditions' value: must be a List.");
  const expires = new Date(expiration);
  if (expires.getTime() < now.getTime()) throw notAccordingToPolicy('Policy expired.');
  return { expiration: expires, conditions: conditions.map(parseCondition) };
}

function parseCondition(raw: unknown): PolicyCondition {
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const entries = Object.entries(raw);
    if (entries.length !== 1) throw invalidPolicy('Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.');
    const [field, value] = entries[0];
    if (typeof value !== 'string') throw invalidPolicy('Invalid Simple-Condition: value must be a string.');
    return { kind: 'eq', field: field.toLowerCase(), value, text: conditionText('eq', field, value) };
  }
  if (!Array.isArray(raw)) throw invalidPolicy('Invalid condition test: must be a List or Object.');
  if (raw.length === 0) throw invalidPolicy('Invalid Condition: missing operation identifier.');
  const [operation, first, second] = raw as unknown[];
  if (typeof operation !== 'string') throw invalidPolicy('Invalid JSON.');
  const op = operation.toLowerCase();
  if (op !== 'eq' && op !== 'starts-with' && op !== 'content-length-range') throw invalidPolicy(`Invalid Condition: unknown operation '${operation}'.`);
  if (raw.length !== 3) throw invalidPolicy(`Invalid ${operation}: wrong number of arguments.`);
  if (op === 'content-length-range') return { kind: op, min: policyInteger(first), max: policyInteger(second) };
  if (typeof first !== 'string' || (typeof second !== 'string' && typeof second !== 'number')) throw invalidPolicy('Invalid JSON.');
  const text = conditionText(operation, first, String(second));
  if (!first.startsWith('$') || first.length === 1) throw conditionFailed(text);
  return { kind: op, field: first.slice(1).toLowerCase(), value: String(second), text };
}

/** AWS's way of quoting a condition in its messages: ["eq", "$key", "value"]. */
function conditionText(operation: string, field: string, value: string): string {
  return `["${operation}", "${field.startsWith('$') ? field : `$${field}`}", "${value}"]`;
}

/** A JSON integer, or a decimal string of one (AWS takes both). */
function policyInteger(value: unknown): number {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw invalidPolicy('Invalid JSON.');
  return n;
}

function fieldValue(input: PostPolicyInput, field: string): string | undefined {
  if (field === 'bucket') return input.bucket;
  if (field === 'key') return input.key;
  return input.fields.get(field);
}

/** starts-with on Content-Type holds for a comma-separated list when it holds for each entry. */
function startsWith(field: string, value: string, prefix: string): boolean {
  if (field === 'content-type' && value.includes(',')) return value.split(',').every((part) => part.trim().startsWith(prefix));
  return value.startsWith(prefix);
}

/**
 * Checks the form against the policy: every field named by a condition (but the signature's own
 * and x-ignore-*), every condition met, a bucket condition among them. Throws AccessDenied
 * "Invalid according to Policy: ...". The length range is left to the file's stream: fields may
 * follow the file, so its length is known only where it ends.
 */
export function checkPostPolicy(policy: PostPolicy, input: PostPolicyInput): void {
  const covered = new Set(policy.conditions.map((c) => (c.kind === 'content-length-range' ? '' : c.field)));
  for (const field of input.fields.keys()) {
    if (!UNCOVERED_FIELDS.has(field) && !field.startsWith('x-ignore-') && !covered.has(field)) {
      throw notAccordingToPolicy(`Extra input fields: ${field}`);
    }
  }
  for (const condition of policy.conditions) {
    if (condition.kind === 'content-length-range') continue;
    const value = fieldValue(input, condition.field);
    const holds = value !== undefined && (condition.kind === 'eq' ? value === condition.value : startsWith(condition.field, value, condition.value));
    if (!holds) throw conditionFailed(condition.text);
  }
  if (!covered.has('bucket')) throw notAccordingToPolicy('Extra input fields: bucket');
}

/** The range every content-length-range condition of the policy allows; undefined when it has none. */
export function lengthRangeOf(policy: PostPolicy): LengthRange | undefined {
  let range: LengthRange | undefined;
  for (const condition of policy.conditions) {
    if (condition.kind !== 'content-length-range') continue;
    range = { min: Math.max(range?.min ?? 0, condition.min), max: Math.min(range?.max ?? Infinity, condition.max) };
  }
  return range;
}

/** S3's answer to a file over the range's maximum. */
export function entityTooLarge(proposed: number, range: LengthRange): S3Error {
  return new S3Error('EntityTooLarge', undefined, { ProposedSize: proposed, MaxSizeAllowed: range.max });
}

/** S3's answer to a file under the range's minimum. */
export function entityTooSmall(proposed: number, range: LengthRange): S3Error {
  return new S3Error('EntityTooSmall', undefined, { ProposedSize: proposed, MinSizeAllowed: range.min });
}
