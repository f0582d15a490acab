/** A test of one string against a pattern compiled once: `*` any run of characters, `?` any one. */
export type StringMatcher = (value: string) => boolean;

const ANYTHING: StringMatcher = () => true;
const SPECIALS = /[.+^${}()|[\]\\]/g;

/**
 * Compiles an IAM wildcard pattern (Action, Resource, StringLike, ArnLike) once, when the policy is
 * written: a pattern without wildcards becomes a plain comparison, `*` alone matches everything,
 * the rest one anchored RegExp.
 */
export function compileWildcard(pattern: string, ignoreCase = false): StringMatcher {
  if (pattern === '*') return ANYTHING;
  if (!pattern.includes('*') && !pattern.includes('?')) {
    if (!ignoreCase) return (value) => value === pattern;
    const lower = pattern.toLowerCase();
    return (value) => value.length === lower.length && value.toLowerCase() === lower;
  }
  const source = pattern.replace(SPECIALS, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  const regexp = new RegExp(`^${source}$`, ignoreCase ? 'i' : '');
  return (value) => regexp.test(value);
}

/** One matcher for a list of patterns: true when any matches. */
export function compileWildcards(patterns: readonly string[], ignoreCase = false): StringMatcher {
  if (patterns.includes('*')) return ANYTHING;
  const matchers = patterns.map((p) => compileWildcard(p, ignoreCase));
  if (matchers.length === 1) return matchers[0];
  return (value) => {
    for (let i = 0; i < matchers.length; i++) if (matchers[i](value)) return true;
    return false;
  };
}
