import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { ConditionContext } from './condition-context';
import { malformedPolicy } from './malformed-policy';
import { compileWildcard } from './wildcard';

/** One condition (operator, key, values) compiled once: the test run on each request. */
export type CompiledCondition = (context: ConditionContext) => boolean;

/** Whether one request value matches one of the policy's values, compiled from those values. */
type ValueTest = (value: string) => boolean;

interface OperatorFamily {
  /** Builds the test of a request value against the policy values. */
  compile(values: readonly string[]): ValueTest;
  /** Negated operators (StringNotEquals, NotIpAddress...) are true when no value matches, and when the key is missing. */
  negated: boolean;
}

const anyOf =
  (tests: readonly ValueTest[]): ValueTest =>
  (value) => {
    for (let i = 0; i < tests.length; i++) if (tests[i](value)) return true;
    return false;
  };

function stringFamily(kind: 'equals' | 'ignoreCase' | 'like', negated: boolean): OperatorFamily {
  return {
    negated,
    compile(values) {
      if (kind === 'like') return anyOf(values.map((v) => compileWildcard(v)));
      if (kind === 'ignoreCase') {
        const set = new Set(values.map((v) => v.toLowerCase()));
        return (value) => set.has(value.toLowerCase());
      }
      const set = new Set(values);
      return (value) => set.has(value);
    },
  };
}

function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

function compareFamily(parse: (text: string) => number, compare: (request: number, policy: number) => boolean, negated: boolean): OperatorFamily {
  return {
    negated,
    compile(values) {
      const parsed = values.map(parse).filter((n) => !Number.isNaN(n));
      return (value) => {
        const request = parse(value);
        if (Number.isNaN(request)) return false;
        for (let i = 0; i < parsed.length; i++) if (compare(request, parsed[i])) return true;
        return false;
      };
    },
  };
}

const EPOCH_SECONDS = /^\d+$/;
/** The last date parsed: a request's aws:CurrentTime is read by every date condition it meets. */
let lastDateText = '';
let lastDate = Number.NaN;

/** Dates as IAM takes them: ISO 8601, or seconds since the epoch. */
function dateOf(text: string): number {
  if (text === lastDateText) return lastDate;
  lastDate = EPOCH_SECONDS.test(text) ? Number(text) * 1000 : Date.parse(text);
  lastDateText = text;
  return lastDate;
}

/** An IPv4 address as a 32-bit number, or -1 when it is not one (no allocation: this runs per request). */
function ipv4Number(address: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= address.length; i++) {
    const code = i < address.length ? address.charCodeAt(i) : 46;
    if (code === 46) {
      if (digits === 0 || part > 255) return -1;
      value = value * 256 + part;
      parts++;
      part = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57 && digits < 3) {
      part = part * 10 + (code - 48);
      digits++;
    } else {
      return -1;
    }
  }
  return parts === 4 ? value : -1;
}

/**
 * IpAddress / NotIpAddress: IPv4 ranges compared as numbers (node:net's BlockList costs about
 * 1.7 µs a check, more than the rest of a policy's evaluation), IPv6 through a BlockList.
 */
function ipFamily(negated: boolean): OperatorFamily {
  return {
    negated,
    compile(values) {
      const v4: Array<{ network: number; size: number }> = [];
      const v6 = new BlockList();
      for (const cidr of values) {
        const range = parseCidr(cidr);
        if (range.type === 'ipv6') v6.addSubnet(range.address, range.prefix, 'ipv6');
        else {
          const size = 2 ** (32 - range.prefix);
          v4.push({ network: Math.floor(ipv4Number(range.address) / size) * size, size });
        }
      }
      return (value) => {
        const address = unmapIpv4(value);
        const n = ipv4Number(address);
        if (n >= 0) {
          for (let i = 0; i < v4.length; i++) if (n >= v4[i].network && n < v4[i].network + v4[i].size) return true;
          return false;
        }
        return isIPv6(address) && v6.check(address, 'ipv6');
      };
    },
  };
}

/** Node reports IPv4 clients of a dual-stack socket as ::ffff:a.b.c.d. */
export function unmapIpv4(address: string): string {
  return address.startsWith('::ffff:') && isIPv4(address.slice(7)) ? address.slice(7) : address;
}

function parseCidr(cidr: string): { address: string; prefix: number; type: 'ipv4' | 'ipv6' } {
  const [address, bits] = cidr.trim().split('/');
  const type = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
  const max = type === 'ipv4' ? 32 : 128;
  const prefix = bits === undefined ? max : Number(bits);
  if (type === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > max) throw malformedPolicy(`Invalid IP address in condition: ${cidr}`);
  return { address, prefix, type };
}

function boolFamily(): OperatorFamily {
  return {
    negated: false,
    compile(values) {
      const set = new Set(values.map((v) => v.toLowerCase()));
      return (value) => set.has(value.toLowerCase());
    },
  };
}

const lt = (a: number, b: number) => a < b;
const le = (a: number, b: number) => a <= b;
const gt = (a: number, b: number) => a > b;
const ge = (a: number, b: number) => a >= b;
const eq = (a: number, b: number) => a === b;

/** IAM's condition operators, by name lower-cased (IAM matches them without regard to case). */
const OPERATORS: ReadonlyMap<string, OperatorFamily> = new Map(
  Object.entries({
    StringEquals: stringFamily('equals', false),
    StringNotEquals: stringFamily('equals', true),
    StringEqualsIgnoreCase: stringFamily('ignoreCase', false),
    StringNotEqualsIgnoreCase: stringFamily('ignoreCase', true),
    StringLike: stringFamily('like', false),
    StringNotLike: stringFamily('like', true),
    NumericEquals: compareFamily(numberOf, eq, false),
    NumericNotEquals: compareFamily(numberOf, eq, true),
    NumericLessThan: compareFamily(numberOf, lt, false),
    NumericLessThanEquals: compareFamily(numberOf, le, false),
    NumericGreaterThan: compareFamily(numberOf, gt, false),
    NumericGreaterThanEquals: compareFamily(numberOf, ge, false),
    DateEquals: compareFamily(dateOf, eq, false),
    DateNotEquals: compareFamily(dateOf, eq, true),
    DateLessThan: compareFamily(dateOf, lt, false),
    DateLessThanEquals: compareFamily(dateOf, le, false),
    DateGreaterThan: compareFamily(dateOf, gt, false),
    DateGreaterThanEquals: compareFamily(dateOf, ge, false),
    Bool: boolFamily(),
    BinaryEquals: stringFamily('equals', false),
    IpAddress: ipFamily(false),
    NotIpAddress: ipFamily(true),
    ArnEquals: stringFamily('like', false),
    ArnLike: stringFamily('like', false),
    ArnNotEquals: stringFamily('like', true),
    ArnNotLike: stringFamily('like', true),
  }).map(([name, family]) => [name.toLowerCase(), family]),
);

const IF_EXISTS = 'ifexists';

/** The operator's name as written, parsed: set qualifier, base operator, IfExists. */
interface OperatorName {
  set: 'single' | 'forAnyValue' | 'forAllValues';
  base: string;
  ifExists: boolean;
}

function parseOperatorName(name: string): OperatorName {
  let rest = name.toLowerCase();
  let set: OperatorName['set'] = 'single';
  if (rest.startsWith('foranyvalue:')) {
    set = 'forAnyValue';
    rest = rest.slice('foranyvalue:'.length);
  } else if (rest.startsWith('forallvalues:')) {
    set = 'forAllValues';
    rest = rest.slice('forallvalues:'.length);
  }
  const ifExists = rest.endsWith(IF_EXISTS) && rest !== IF_EXISTS;
  return { set, base: ifExists ? rest.slice(0, -IF_EXISTS.length) : rest, ifExists };
}

/** True when the operator is one IAM knows. */
export function isConditionOperator(name: string): boolean {
  const { base } = parseOperatorName(name);
  return base === 'null' || OPERATORS.has(base);
}

/** Whether the operator asks a positive question (used to tell which conditions narrow a public grant). */
export function isPositiveOperator(name: string): boolean {
  const { base } = parseOperatorName(name);
  const family = OPERATORS.get(base);
  return family !== undefined && !family.negated;
}

/**
 * Compiles `"<operator>": { "<key>": <values> }` for one key. Semantics as IAM's: the values of
 * one key are ORed; a missing key fails a positive operator and passes a negated one, unless
 * ...IfExists (passes); Null tests presence itself.
 */
export function compileCondition(operator: string, key: string, values: readonly string[]): CompiledCondition {
  const name = parseOperatorName(operator);
  if (name.base === 'null') {
    const wantsAbsent = values.some((v) => v.toLowerCase() === 'true');
    return (context) => (context.values(key) === undefined) === wantsAbsent;
  }
  const family = OPERATORS.get(name.base);
  if (family === undefined) throw malformedPolicy(`Invalid Condition type : ${operator}`);
  const test = family.compile(values);
  const { negated } = family;
  const whenMissing = name.ifExists || negated;
  if (name.set === 'forAllValues') {
    // Every request value must match (vacuously true without values), negation per value.
    return (context) => {
      const request = context.values(key);
      if (request === undefined) return true;
      return request.every((v) => test(v) !== negated);
    };
  }
  return (context) => {
    const request = context.values(key);
    if (request === undefined || request.length === 0) return whenMissing;
    let matched = false;
    for (let i = 0; i < request.length && !matched; i++) matched = test(request[i]);
    return matched !== negated;
  };
}
