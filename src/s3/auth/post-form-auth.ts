import type { Account } from '../../iam/account';
import { S3Error, invalidArgument } from '../errors/s3-error';
import { signatureMismatch } from './auth-errors';
import type { AccountLookup, AuthOptions, AuthResult } from './auth.types';
import { buildResult } from './authenticate-request';
import type { CredentialErrors } from './credential';
import { parseCredential } from './credential';
import { planPayload } from './payload-plan';
import { pipeThroughVerifier } from './body-pipeline';
import { PostLengthMeter } from './post-length-meter';
import { checkPostPolicy, lengthRangeOf, parsePostPolicy } from './post-policy';
import { parseAmzDate } from './request-time';
import { deriveSigningKey, signHex, signaturesEqual } from './sigv4-crypto';
import { SIGV4_ALGORITHM, SIGV4_SERVICE, SIGV4_TERMINATOR } from './sigv4.constants';
import { sigV2Sign } from './sigv2-string-to-sign';
import type { Readable } from 'node:stream';

/** A browser upload's form, as the HTTP layer read it up to the file. */
export interface PostFormInput {
  bucket: string;
  /** Field names lower-cased (S3 matches them without case), values as sent. Fields after the file are not here: S3 ignores them. */
  fields: ReadonlyMap<string, string>;
  file: {
    /** The file's bytes, streamed from the socket as they are read. */
    stream: Readable;
    /**
     * The most it can be, from Content-Length: its length when the form ends with the file, as
     * browsers and SDKs send it; fields after it (S3 ignores them) make the file that much shorter.
     */
    length: number;
    /** The name the browser gave it (what ${filename} in the key stands for); '' for a plain field named file. */
    filename: string;
  };
}

const V4_FIELDS = ['policy', 'x-amz-algorithm', 'x-amz-credential', 'x-amz-date', 'x-amz-signature'] as const;
const V2_FIELDS = ['policy', 'awsaccesskeyid', 'signature'] as const;
const MAX_KEY_BYTES = 1024;

function missingField(field: string): S3Error {
  return invalidArgument(`Bucket POST must contain a field named '${field}'.  If it is specified, please check the order of the fields.`, field, '');
}

/** The credential field's faults, worded as S3 words them for a form, each naming x-amz-credential. */
function postCredentialErrors(credential: string): CredentialErrors {
  const bad = (detail: string): S3Error => invalidArgument(detail, 'x-amz-credential', credential);
  return {
    malformed: () => bad('the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".'),
    badDate: (d) => bad(`incorrect date format "${d}". This date in the credential must be in the format "yyyyMMdd".`),
    wrongRegion: (actual, expected) => bad(`the region '${actual}' is wrong; expecting '${expected}'`),
    wrongService: (s) => bad(`incorrect service "${s}". This endpoint belongs to "${SIGV4_SERVICE}".`),
    wrongTerminal: (t) => bad(`incorrect terminal "${t}". This endpoint uses "${SIGV4_TERMINATOR}".`),
  };
}

function required(fields: ReadonlyMap<string, string>, names: readonly string[]): void {
  for (const name of names) if (!fields.has(name)) throw missingField(name);
}

function accountOf(lookup: AccountLookup, accessKey: string): Account {
  const account = lookup(accessKey);
  if (!account) throw new S3Error('InvalidAccessKeyId', undefined, { AWSAccessKeyId: accessKey });
  return account;
}

/** The form's SigV4 signature: the hex HMAC of the base64 policy under the credential's signing key. */
function v4Account(fields: ReadonlyMap<string, string>, lookup: AccountLookup, opts: AuthOptions): Account {
  required(fields, V4_FIELDS);
  const algorithm = fields.get('x-amz-algorithm') ?? '';
  if (algorithm !== SIGV4_ALGORITHM) throw invalidArgument('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"', 'x-amz-algorithm', algorithm);
  const amzDate = fields.get('x-amz-date') ?? '';
  if (!parseAmzDate(amzDate)) throw invalidArgument('X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd\'T\'HHmmss\'Z\'"', 'x-amz-date', amzDate);
  const credentialText = fields.get('x-amz-credential') ?? '';
  const credential = parseCredential(credentialText, opts.region, postCredentialErrors(credentialText));
  const account = accountOf(lookup, credential.accessKey);
  const policy = fields.get('policy') ?? '';
  const provided = fields.get('x-amz-signature') ?? '';
  if (!signaturesEqual(signHex(deriveSigningKey(account.secret, credential.date, credential.region), policy), provided)) {
    // What S3 signs for a form is the policy itself: it is the string to sign the error shows.
    throw signatureMismatch({ accessKey: account.access, signatureProvided: provided, stringToSign: policy });
  }
  return account;
}

/** The form's SigV2 signature: the base64 HMAC-SHA1 of the base64 policy under the secret. */
function v2Account(fields: ReadonlyMap<string, string>, lookup: AccountLookup, opts: AuthOptions): Account {
  if (opts.sigV2 === false) throw new S3Error('InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
  required(fields, V2_FIELDS);
  const account = accountOf(lookup, fields.get('awsaccesskeyid') ?? '');
  const policy = fields.get('policy') ?? '';
  const provided = fields.get('signature') ?? '';
  if (!signaturesEqual(sigV2Sign(account.secret, policy), provided)) {
    throw signatureMismatch({ accessKey: account.access, signatureProvided: provided, stringToSign: policy });
  }
  return account;
}

/** Which signature a form carries: SigV2 by its AWSAccessKeyId field, SigV4 by any of its fields, else none. */
export function postFormSignature(fields: ReadonlyMap<string, string>): 'v2-post' | 'v4-post' | 'anonymous' {
  if (fields.has('awsaccesskeyid') || fields.has('signature')) return 'v2-post';
  return V4_FIELDS.some((name) => fields.has(name)) ? 'v4-post' : 'anonymous';
}

/** The object key a form names: its key field, with ${filename} standing for the file's name. */
function formKey(fields: ReadonlyMap<string, string>, filename: string): string {
  const key = fields.get('key');
  if (key === undefined || key === '') throw missingField('key');
  const expanded = key.replaceAll('${filename}', filename);
  if (Buffer.byteLength(expanded) > MAX_KEY_BYTES) throw new S3Error('KeyTooLongError');
  return expanded;
}

/**
 * Authenticates a POST Object form as S3 does: the policy's signature (SigV4 or SigV2) checked
 * against the signer's secret, then the policy itself (expiry and every condition, the file's
 * length among them). A form without credentials is anonymous, for the access check to decide.
 * Its fields stand for the headers of a PUT: checksums declared there are verified as the file streams.
 */
export function authenticatePostForm(form: PostFormInput, lookup: AccountLookup, opts: AuthOptions): AuthResult {
  const { fields } = form;
  const key = formKey(fields, form.file.filename);
  const method = postFormSignature(fields);
  let account: Account | undefined;
  let file = form.file.stream;
  if (method !== 'anonymous') {
    account = method === 'v2-post' ? v2Account(fields, lookup, opts) : v4Account(fields, lookup, opts);
    const policy = parsePostPolicy(fields.get('policy') ?? '', opts.now ? opts.now() : new Date());
    checkPostPolicy(policy, { bucket: form.bucket, key, fields });
    const range = lengthRangeOf(policy);
    if (range !== undefined) file = pipeThroughVerifier(file, new PostLengthMeter(range, form.file.length));
  }
  const fieldHeaders = new Map<string, string[]>([...fields].map(([name, value]) => [name, [value]]));
  // No Content-Length for the file: its length is known only where it ends (see PostFormInput).
  fieldHeaders.delete('content-length');
  fieldHeaders.delete('content-encoding');
  const plan = planPayload(fieldHeaders, 'presigned', undefined, true);
  const result = buildResult(method, account, file, plan, undefined);
  return { ...result, contentLength: form.file.length, contentLengthIsMaximum: true, form: { fields, key } };
}
