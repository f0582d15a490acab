import { decodeComponent } from '../s3/auth/uri-encoding';

/** One query parameter, decoded for lookups and as received for the signature. */
export interface QueryParam {
  /** Decoded name ('+' read as a space, as S3 and Go's url.ParseQuery do). */
  name: string;
  /** Decoded value, the same way. */
  value: string;
  /** As received (still percent-encoded): the signature covers their canonical forms. */
  rawName: string;
  rawValue: string;
}

/** What the routes and the operation resolver ask of a query; URLSearchParams answers it too. */
export interface QueryLookup {
  readonly size: number;
  get(name: string): string | null;
  has(name: string): boolean;
}

/**
 * A request's query string, parsed once on arrival: the operation resolver and the routes look
 * parameters up by name (the subset of URLSearchParams they use), SigV4 reads the raw forms.
 */
export class RequestQuery implements QueryLookup {
  constructor(
    /** The query string it was parsed from, without the '?'. */
    readonly raw: string,
    readonly params: readonly QueryParam[],
  ) {}

  get size(): number {
    return this.params.length;
  }

  /** The first value of `name`, or null, as URLSearchParams.get answers. */
  get(name: string): string | null {
    const { params } = this;
    for (let i = 0; i < params.length; i++) if (params[i].name === name) return params[i].value;
    return null;
  }

  has(name: string): boolean {
    return this.get(name) !== null;
  }
}

const PLUS = /\+/g;

/** A component of a query: '+' is a space there, before the percent-decoding. */
function decodeQueryComponent(raw: string): string {
  return decodeComponent(raw.includes('+') ? raw.replace(PLUS, ' ') : raw);
}

/** Most requests have no query: they all share this one. */
const EMPTY_QUERY = new RequestQuery('', []);

/** `rawQuery` is what follows '?', without it. */
export function parseQuery(rawQuery: string): RequestQuery {
  if (rawQuery === '') return EMPTY_QUERY;
  const params: QueryParam[] = [];
  // Scanned in place rather than split('&') then split('='): only the name and value are cut out.
  let start = 0;
  while (start <= rawQuery.length) {
    let end = rawQuery.indexOf('&', start);
    if (end === -1) end = rawQuery.length;
    if (end > start) {
      const eq = rawQuery.indexOf('=', start);
      const named = eq !== -1 && eq < end;
      const rawName = rawQuery.slice(start, named ? eq : end);
      const rawValue = named ? rawQuery.slice(eq + 1, end) : '';
      params.push({ name: decodeQueryComponent(rawName), value: decodeQueryComponent(rawValue), rawName, rawValue });
    }
    start = end + 1;
  }
  return new RequestQuery(rawQuery, params);
}
