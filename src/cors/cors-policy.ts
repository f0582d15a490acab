import type { CorsMethod, CorsRule } from './cors-rule';

/** What a matching rule lets a browser see: the Access-Control-* values of the answer. */
export interface CorsAllowance {
  /** The request's Origin, or `*` when the rule allows every origin (then without credentials). */
  allowOrigin: string;
  allowCredentials: boolean;
  allowMethods: string;
  /** Only in a preflight's answer: the headers it asked for, as AWS echoes them. */
  allowHeaders?: string;
  exposeHeaders?: string;
  maxAgeSeconds?: number;
}

/** A pattern with at most one `*` (AWS allows no more), as the two ends a value must have. */
interface Wildcard {
  exact?: string;
  prefix: string;
  suffix: string;
}

function wildcard(pattern: string): Wildcard {
  const star = pattern.indexOf('*');
  if (star < 0) return { exact: pattern, prefix: '', suffix: '' };
  return { prefix: pattern.slice(0, star), suffix: pattern.slice(star + 1) };
}

function matches(pattern: Wildcard, value: string): boolean {
  if (pattern.exact !== undefined) return pattern.exact === value;
  return value.length >= pattern.prefix.length + pattern.suffix.length && value.startsWith(pattern.prefix) && value.endsWith(pattern.suffix);
}

/** One rule with its patterns made once: matching a request then only compares strings. */
class CompiledRule {
  private readonly origins: Wildcard[];
  private readonly anyOrigin: boolean;
  private readonly methods: ReadonlySet<string>;
  /** Lower-cased: header names match whatever their case. */
  private readonly headers: Wildcard[];
  private readonly allowMethods: string;
  private readonly exposeHeaders: string | undefined;

  constructor(private readonly rule: CorsRule) {
    this.origins = rule.allowedOrigins.map(wildcard);
    this.anyOrigin = rule.allowedOrigins.includes('*');
    this.methods = new Set(rule.allowedMethods);
    this.headers = rule.allowedHeaders.map((header) => wildcard(header.toLowerCase()));
    this.allowMethods = rule.allowedMethods.join(', ');
    this.exposeHeaders = rule.exposeHeaders.length > 0 ? rule.exposeHeaders.join(', ') : undefined;
  }

  /** Whether the rule lets `origin` use `method` with these (lower-cased) request headers. */
  allows(origin: string, method: string, headers: readonly string[]): boolean {
    if (!this.methods.has(method) || !this.origins.some((pattern) => matches(pattern, origin))) return false;
    return headers.every((header) => this.headers.some((pattern) => matches(pattern, header)));
  }

  allowance(origin: string, allowHeaders: string | undefined): CorsAllowance {
    const allowance: CorsAllowance = {
      allowOrigin: this.anyOrigin ? '*' : origin,
      allowCredentials: !this.anyOrigin,
      allowMethods: this.allowMethods,
    };
    if (allowHeaders) allowance.allowHeaders = allowHeaders;
    if (this.exposeHeaders) allowance.exposeHeaders = this.exposeHeaders;
    if (this.rule.maxAgeSeconds !== undefined) allowance.maxAgeSeconds = this.rule.maxAgeSeconds;
    return allowance;
  }
}

/**
 * A bucket's CORS rules, compiled once when its configuration is read: S3 evaluates them for
 * every preflight and every request that carries an Origin. The first rule that matches decides,
 * as AWS evaluates them.
 */
export class CorsPolicy {
  private readonly compiled: CompiledRule[];

  constructor(readonly rules: readonly CorsRule[]) {
    this.compiled = rules.map((rule) => new CompiledRule(rule));
  }

  /** A preflight's answer: `requestHeaders` are Access-Control-Request-Headers' names. Undefined: no rule allows it (403). */
  preflight(origin: string, method: CorsMethod, requestHeaders: readonly string[]): CorsAllowance | undefined {
    const lower = requestHeaders.map((header) => header.toLowerCase());
    const rule = this.compiled.find((candidate) => candidate.allows(origin, method, lower));
    return rule?.allowance(origin, lower.join(', '));
  }

  /** The Access-Control-* headers of an actual request's answer (`method` is the request's own). */
  forRequest(origin: string, method: string): CorsAllowance | undefined {
    return this.compiled.find((candidate) => candidate.allows(origin, method, []))?.allowance(origin, undefined);
  }
}
