import type { ConditionContext } from './condition-context';
import type { CompiledPolicy } from './policy-compiler';

/** What a policy says about one request: an explicit Deny, an Allow, or nothing (the ACLs decide). */
export type PolicyDecision = 'deny' | 'allow' | 'none';

/** One request as a policy sees it. */
export interface PolicyRequest {
  /** The caller's access key; undefined for an anonymous request. */
  principal: string | undefined;
  /** `s3:GetObject`... */
  action: string;
  /** `bucket` or `bucket/key`, the ARN without `arn:aws:s3:::`. */
  resource: string;
  conditions: ConditionContext;
}

/**
 * IAM's order: every statement that applies (principal, action, resource, conditions) counts; an
 * explicit Deny wins over any Allow, whatever their order in the document. Only the statements
 * naming the action are looked at (the compiled policy keeps them by action).
 */
export function evaluatePolicy(policy: CompiledPolicy, request: PolicyRequest): PolicyDecision {
  let decision: PolicyDecision = 'none';
  const statements = policy.statementsFor(request.action);
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i];
    if (statement.effect === 'Allow' && decision === 'allow') continue;
    if (!statement.principal(request.principal) || !statement.resource(request.resource)) continue;
    const { conditions } = statement;
    let holds = true;
    for (let c = 0; c < conditions.length && holds; c++) holds = conditions[c](request.conditions);
    if (!holds) continue;
    if (statement.effect === 'Deny') return 'deny';
    decision = 'allow';
  }
  return decision;
}
