import { isConditionOperator } from './condition-operators';
import { isKnownConditionKey } from './condition-context';
import { malformedPolicy } from './malformed-policy';
import { type PolicyDocument, type PolicyStatement, type PrincipalSet, RESOURCE_ARN_PREFIX } from './policy-document';
import { ALL_ACTIONS, isObjectAction } from './s3-actions';
import { compileWildcard } from './wildcard';

/** AWS's limit on a bucket policy. */
export const MAX_POLICY_BYTES = 20 * 1024;

/** What validation needs to know beyond the document: the bucket, and which accounts exist. */
export interface PolicyScope {
  bucket: string;
  accountExists(access: string): boolean;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A field that may be one string or a list of them; anything else is malformed with `reason`. */
function stringList(value: Json | undefined, reason: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || list.some((item) => typeof item !== 'string' || item === '')) throw malformedPolicy(reason);
  return list as string[];
}

/** The field under either of its names (Action / NotAction...), never both. */
function oneOf(statement: JsonObject, name: string): { value: Json; negated: boolean } {
  const plain = statement[name];
  const negatedValue = statement[`Not${name}`];
  if (plain !== undefined && negatedValue !== undefined) throw malformedPolicy(`Statement cannot have both ${name} and Not${name}`);
  if (plain === undefined && negatedValue === undefined) throw malformedPolicy(`Missing required field ${name}`);
  return plain !== undefined ? { value: plain, negated: false } : { value: negatedValue, negated: true };
}

const ACCOUNT_ARN = /^arn:aws:iam::([^:]+):(?:root|user\/.+)$/;
const INVALID_PRINCIPAL = 'Invalid principal in policy';

/** `"*"`, `{"AWS": "*"}`, `{"AWS": [access key | arn:aws:iam::<access key>:root | ...:user/<name>]}`, `{"CanonicalUser": id}`. */
function principalSet(value: Json, scope: PolicyScope): PrincipalSet {
  if (value === '*') return { kind: 'everyone' };
  if (!isObject(value) || Object.keys(value).length === 0) throw malformedPolicy(INVALID_PRINCIPAL);
  const accounts = new Set<string>();
  for (const [type, names] of Object.entries(value)) {
    if (type !== 'AWS' && type !== 'CanonicalUser') throw malformedPolicy(INVALID_PRINCIPAL);
    for (const name of stringList(names, INVALID_PRINCIPAL)) {
      if (name === '*') return { kind: 'everyone' };
      const access = ACCOUNT_ARN.exec(name)?.[1] ?? name;
      if (!scope.accountExists(access)) throw malformedPolicy(INVALID_PRINCIPAL);
      accounts.add(access);
    }
  }
  return { kind: 'accounts', accounts };
}

const VALID_ACTION = /^s3:[A-Za-z*?]+$/;

function checkAction(pattern: string): void {
  if (pattern === '*') return;
  const matcher = compileWildcard(pattern, true);
  if (!VALID_ACTION.test(pattern) || !ALL_ACTIONS.some((action) => matcher(action))) throw malformedPolicy('Policy has invalid action');
}

/** A resource ARN of this bucket (the part before the first `/` must match its name), without its prefix. */
function resourcePattern(arn: string, bucket: string): string {
  if (arn === '*') return '*';
  if (!arn.startsWith(RESOURCE_ARN_PREFIX)) throw malformedPolicy('Policy has invalid resource');
  const pattern = arn.slice(RESOURCE_ARN_PREFIX.length);
  const slash = pattern.indexOf('/');
  const bucketPart = slash < 0 ? pattern : pattern.slice(0, slash);
  if (bucketPart === '' || !compileWildcard(bucketPart)(bucket)) throw malformedPolicy('Policy has invalid resource');
  return pattern;
}

function conditions(value: Json | undefined): PolicyStatement['conditions'] {
  if (value === undefined) return [];
  if (!isObject(value)) throw malformedPolicy('Policy has an invalid condition');
  const parsed: PolicyStatement['conditions'] = [];
  for (const [operator, keys] of Object.entries(value)) {
    if (!isConditionOperator(operator)) throw malformedPolicy(`Invalid Condition type : ${operator}`);
    if (!isObject(keys) || Object.keys(keys).length === 0) throw malformedPolicy('Policy has an invalid condition');
    for (const [key, values] of Object.entries(keys)) {
      if (!isKnownConditionKey(key)) throw malformedPolicy('Policy has an invalid condition key');
      const list = Array.isArray(values) ? values : [values];
      if (list.length === 0 || list.some((v) => typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) {
        throw malformedPolicy('Policy has an invalid condition');
      }
      parsed.push({ operator, key, values: list.map(String) });
    }
  }
  return parsed;
}

/** Object actions need an object resource, bucket actions a bucket one (VersityGW's check, AWS's words). */
function checkActionsFitResources(statement: PolicyStatement): void {
  if (statement.action.negated || statement.resource.negated) return;
  const { patterns: resources } = statement.resource;
  const anyObject = resources.some((r) => r === '*' || r.includes('/'));
  const anyBucket = resources.some((r) => r === '*' || !r.includes('/') || r.endsWith('*'));
  for (const action of statement.action.patterns) {
    if (action.includes('*') || action.includes('?')) continue;
    if (isObjectAction(action) ? !anyObject : !anyBucket) throw malformedPolicy('Action does not apply to any resource(s) in statement');
  }
}

function statementOf(value: Json, scope: PolicyScope): PolicyStatement {
  if (!isObject(value)) throw malformedPolicy('Could not parse the policy: Statement is not an object');
  if (value.Effect !== 'Allow' && value.Effect !== 'Deny') throw malformedPolicy(`Invalid effect: ${typeof value.Effect === 'string' ? value.Effect : ''}`);
  const principal = oneOf(value, 'Principal');
  const action = oneOf(value, 'Action');
  const resource = oneOf(value, 'Resource');
  const actions = stringList(action.value, 'Policy has invalid action');
  actions.forEach(checkAction);
  const statement: PolicyStatement = {
    effect: value.Effect,
    principal: { set: principalSet(principal.value, scope), negated: principal.negated },
    action: { patterns: actions, negated: action.negated },
    resource: { patterns: stringList(resource.value, 'Policy has invalid resource').map((arn) => resourcePattern(arn, scope.bucket)), negated: resource.negated },
    conditions: conditions(value.Condition),
  };
  if (typeof value.Sid === 'string') statement.sid = value.Sid;
  checkActionsFitResources(statement);
  return statement;
}

/**
 * Parses and validates a bucket policy as PutBucketPolicy receives it: MalformedPolicy with AWS's
 * reason for bad JSON, a missing or empty Statement, an unknown action, a resource outside the
 * bucket, a missing or unknown principal, an unknown condition operator or key.
 */
export function parsePolicy(text: string, scope: PolicyScope): PolicyDocument {
  if (Buffer.byteLength(text) > MAX_POLICY_BYTES) throw malformedPolicy('Policies cannot exceed 20480 bytes');
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) throw malformedPolicy("Policies must be valid JSON and the first byte must be '{'");
  let root: Json;
  try {
    root = JSON.parse(trimmed) as Json;
  } catch {
    throw malformedPolicy('This policy contains invalid Json');
  }
  if (!isObject(root)) throw malformedPolicy('This policy contains invalid Json');
  const version = root.Version ?? '2008-10-17';
  if (version !== '2012-10-17' && version !== '2008-10-17') throw malformedPolicy('The policy must contain a valid version string');
  if (root.Statement === undefined) throw malformedPolicy('Missing required field Statement');
  const statements = Array.isArray(root.Statement) ? root.Statement : [root.Statement];
  if (statements.length === 0) throw malformedPolicy('Could not parse the policy: Statement is empty!');
  const parsed = statements.map((s) => statementOf(s, scope));
  const sids = parsed.flatMap((s) => (s.sid === undefined ? [] : [s.sid]));
  if (new Set(sids).size !== sids.length) throw malformedPolicy('Statement IDs (SID) in a single policy must be unique');
  return { version, statements: parsed };
}
