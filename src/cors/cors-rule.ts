import { S3Error } from '../s3/errors/s3-error';

/** The methods a CORS rule may allow: the ones S3 serves a browser (AWS refuses any other). */
export const CORS_METHODS = ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'] as const;
export type CorsMethod = (typeof CORS_METHODS)[number];

/** One CORSRule of a bucket's CORSConfiguration, as AWS names its elements. */
export interface CorsRule {
  id?: string;
  allowedOrigins: string[];
  allowedMethods: CorsMethod[];
  allowedHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds?: number;
}

/** AWS's limit on the rules of one configuration. */
export const MAX_CORS_RULES = 100;
/** An HTTP header name (RFC 9110 token), possibly with AWS's one `*` wildcard. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Whether a name is an HTTP header name (an allowed header may also hold one `*`). */
export const isHeaderName = (name: string): boolean => HEADER_NAME.test(name);

export const isCorsMethod = (value: string): value is CorsMethod => (CORS_METHODS as readonly string[]).includes(value);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** The text values of a repeated element, empty ones left out; an element with children where text belongs is MalformedXML. */
function texts(value: unknown): string[] {
  return listOf(value)
    .map((item) => {
      if (typeof item !== 'string') throw new S3Error('MalformedXML');
      return item;
    })
    .filter((item) => item !== '');
}

function countWildcards(value: string): number {
  return value.split('*').length - 1;
}

function ruleOf(element: unknown): CorsRule {
  if (!isRecord(element)) throw new S3Error('MalformedXML');
  const allowedOrigins = texts(element.AllowedOrigin);
  const methods = texts(element.AllowedMethod);
  if (allowedOrigins.length === 0 || methods.length === 0) throw new S3Error('MalformedXML');
  for (const origin of allowedOrigins) {
    if (countWildcards(origin) > 1) throw new S3Error('InvalidRequest', `AllowedOrigin "${origin}" can not have more than one wildcard.`);
  }
  const allowedMethods = methods.map((method) => {
    if (!isCorsMethod(method)) throw new S3Error('InvalidRequest', `Found unsupported HTTP method in CORS config. Unsupported method is ${method}`);
    return method;
  });
  const allowedHeaders = texts(element.AllowedHeader);
  for (const header of allowedHeaders) {
    if (countWildcards(header) > 1) throw new S3Error('InvalidRequest', `AllowedHeader "${header}" can not have more than one wildcard.`);
    if (!HEADER_NAME.test(header)) throw new S3Error('InvalidRequest', `AllowedHeader "${header}" contains invalid character.`);
  }
  const exposeHeaders = texts(element.ExposeHeader);
  for (const header of exposeHeaders) {
    if (!HEADER_NAME.test(header) || header.includes('*')) throw new S3Error('InvalidRequest', `ExposeHeader "${header}" contains invalid character.`);
  }
  const rule: CorsRule = { allowedOrigins, allowedMethods, allowedHeaders, exposeHeaders };
  if (element.ID !== undefined) {
    if (typeof element.ID !== 'string' || element.ID.length > 255) throw new S3Error('MalformedXML');
    rule.id = element.ID;
  }
  if (element.MaxAgeSeconds !== undefined) {
    const raw = element.MaxAgeSeconds;
    if (typeof raw !== 'string' || !/^\d{1,10}$/.test(raw) || Number(raw) > 2_147_483_647) throw new S3Error('MalformedXML');
    rule.maxAgeSeconds = Number(raw);
  }
  return rule;
}

/**
 * The rules of a parsed CORSConfiguration document, checked as AWS checks PutBucketCors: at least
 * one rule, each with an origin and a method, methods S3 knows, one wildcard at most per origin
 * and allowed header, header names that are tokens. Anything else is MalformedXML or InvalidRequest.
 */
export function corsRulesOf(document: Record<string, unknown> | undefined): CorsRule[] {
  const configuration = document?.CORSConfiguration;
  if (!isRecord(configuration)) throw new S3Error('MalformedXML');
  const rules = listOf(configuration.CORSRule).map(ruleOf);
  if (rules.length === 0) throw new S3Error('MalformedXML');
  if (rules.length > MAX_CORS_RULES) throw new S3Error('InvalidRequest', `The number of CORS rules should not exceed allowed limit of ${MAX_CORS_RULES} rules.`);
  return rules;
}
