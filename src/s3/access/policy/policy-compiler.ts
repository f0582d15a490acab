import { type CompiledCondition, compileCondition, isPositiveOperator } from './condition-operators';
import { normalizeConditionKey } from './condition-context';
import type { PolicyDocument, PolicyStatement, PrincipalSet } from './policy-document';
import { compileWildcards, type StringMatcher } from './wildcard';

/** One statement, its patterns and conditions compiled: what runs per request. */
export interface CompiledStatement {
  readonly effect: 'Allow' | 'Deny';
  /** Whether the statement is about this caller (undefined: anonymous), NotPrincipal applied. */
  readonly principal: (access: string | undefined) => boolean;
  readonly action: StringMatcher;
  readonly resource: StringMatcher;
  readonly conditions: readonly CompiledCondition[];
}

/** A bucket policy ready to evaluate, compiled once when written or loaded, never per request. */
export interface CompiledPolicy {
  readonly statements: readonly CompiledStatement[];
  /** The statements whose Action (or NotAction) covers `action`, in document order; worked out once per action. */
  statementsFor(action: string): readonly CompiledStatement[];
  /** AWS's "public": an Allow to everyone that no fixed-value condition narrows (GetBucketPolicyStatus, the public access block). */
  readonly isPublic: boolean;
  /** Some condition reads s3:ExistingObjectTag/<key>: the object's tags must be read before evaluating. */
  readonly readsObjectTags: boolean;
}

function principalMatcher(set: PrincipalSet, negated: boolean): (access: string | undefined) => boolean {
  if (set.kind === 'everyone') return negated ? () => false : () => true;
  const { accounts } = set;
  // An anonymous caller is no listed account: NotPrincipal then applies to it.
  return negated ? (access) => access === undefined || !accounts.has(access) : (access) => access !== undefined && accounts.has(access);
}

function negate(matcher: StringMatcher, negated: boolean): StringMatcher {
  return negated ? (value) => !matcher(value) : matcher;
}

/** Condition keys that, tested for fixed values, keep a grant to everyone from being public (AWS's list, those that apply). */
const NARROWING_KEYS: ReadonlySet<string> = new Set(['aws:sourceip', 'aws:sourcearn', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceaccount', 'aws:sourceowner', 'aws:principalaccount', 'aws:principalorgid', 'aws:userid', 'aws:username']);

function narrowsToFixedValues({ operator, key, values }: PolicyStatement['conditions'][number]): boolean {
  if (!NARROWING_KEYS.has(normalizeConditionKey(key)) || !isPositiveOperator(operator)) return false;
  if (normalizeConditionKey(key) === 'aws:sourceip') return values.every((cidr) => !/\/0$/.test(cidr.trim()) && cidr.trim() !== '0.0.0.0/1');
  return values.every((v) => !v.includes('*') && !v.includes('?'));
}

function isPublicStatement(statement: PolicyStatement): boolean {
  if (statement.effect !== 'Allow') return false;
  const everyone = statement.principal.negated || statement.principal.set.kind === 'everyone';
  return everyone && !statement.conditions.some(narrowsToFixedValues);
}

export function compilePolicy(document: PolicyDocument): CompiledPolicy {
  const statements = document.statements.map(
    (s): CompiledStatement => ({
      effect: s.effect,
      principal: principalMatcher(s.principal.set, s.principal.negated),
      action: negate(compileWildcards(s.action.patterns, true), s.action.negated),
      resource: negate(compileWildcards(s.resource.patterns), s.resource.negated),
      conditions: s.conditions.map((c) => compileCondition(c.operator, normalizeConditionKey(c.key), c.values)),
    }),
  );
  return {
    statements,
    statementsFor: byAction(statements),
    isPublic: document.statements.some(isPublicStatement),
    readsObjectTags: document.statements.some((s) => s.conditions.some((c) => normalizeConditionKey(c.key).startsWith('s3:existingobjecttag/'))),
  };
}

/** The lists by action, filled as actions are asked about (S3 has a few dozen: bounded). */
function byAction(statements: readonly CompiledStatement[]): (action: string) => readonly CompiledStatement[] {
  const lists = new Map<string, readonly CompiledStatement[]>();
  return (action) => {
    let list = lists.get(action);
    if (list === undefined) {
      list = statements.filter((s) => s.action(action));
      lists.set(action, list);
    }
    return list;
  };
}

const DENY_ALL: readonly CompiledStatement[] = [{ effect: 'Deny', principal: () => true, action: () => true, resource: () => true, conditions: [] }];

/** What a stored policy that no longer parses is taken for: it denies every request it is asked about. */
export const UNREADABLE_POLICY: CompiledPolicy = {
  statements: DENY_ALL,
  statementsFor: () => DENY_ALL,
  isPublic: false,
  readsObjectTags: false,
};
