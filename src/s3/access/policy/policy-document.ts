/** A bucket policy as validated: every list a list, principals reduced to access keys. */
export interface PolicyDocument {
  version: '2012-10-17' | '2008-10-17';
  statements: PolicyStatement[];
}

/** Who a statement is about: everyone (`*`), or tracegw accounts by access key. */
export type PrincipalSet = { kind: 'everyone' } | { kind: 'accounts'; accounts: ReadonlySet<string> };

export interface PolicyStatement {
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Principal, or NotPrincipal (`negated`). */
  principal: { set: PrincipalSet; negated: boolean };
  /** Action or NotAction patterns (`s3:Get*`). */
  action: { patterns: string[]; negated: boolean };
  /** Resource or NotResource patterns without the `arn:aws:s3:::` prefix (`bucket/key*`). */
  resource: { patterns: string[]; negated: boolean };
  /** operator → key → values. */
  conditions: Array<{ operator: string; key: string; values: string[] }>;
}

export const RESOURCE_ARN_PREFIX = 'arn:aws:s3:::';
