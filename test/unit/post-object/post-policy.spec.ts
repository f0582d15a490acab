import { checkPostPolicy, lengthRangeOf, parsePostPolicy } from '../../../src/s3/auth/post-policy';
import { S3Error } from '../../../src/s3/errors/s3-error';

const NOW = new Date('2026-12-03T06:00:00Z');
const encode = (document: unknown): string => Buffer.from(typeof document === 'string' ? document : JSON.stringify(document)).toString('base64');
const policyOf = (conditions: unknown[], expiration = '2026-12-03T07:00:00.000Z') => parsePostPolicy(encode({ expiration, conditions }), NOW);

function refusal(run: () => unknown): { code: string; message: string; extra: S3Error['extra'] } {
  try {
    run();
  } catch (error) {
    if (error instanceof S3Error) return { code: error.code, message: error.message, extra: error.extra };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parsePostPolicy', () => {
  it.each([
    ['an empty policy', '', "Invalid Policy: Expecting '{' but found End-of-Input"],
    ['invalid base64', '!!!', 'Invalid Policy: invalid Base64 encoding.'],
    ['invalid JSON', encode('{"expiration":'), 'Invalid Policy: Invalid JSON.'],
    ['no expiration', encode({ conditions: [] }), 'Invalid Policy: Policy missing expiration.'],
    ['no conditions', encode({ expiration: '2026-12-03T07:00:00Z' }), 'Invalid Policy: Policy missing conditions.'],
    ['an unexpected field', encode({ expiration: '2026-12-03T07:00:00Z', conditions: [], other: 1 }), 'Invalid Policy: Unexpected: "other"'],
    ['a bad expiration', encode({ expiration: 'tomorrow', conditions: [] }), "Invalid Policy: Invalid 'expiration' value: 'tomorrow'"],
    ['conditions that are no list', encode({ expiration: '2026-12-03T07:00:00Z', conditions: {} }), "Invalid Policy: Invalid 'conditions' value: must be a List."],
    ['a condition of another type', encode({ expiration: '2026-12-03T07:00:00Z', conditions: [3] }), 'Invalid Policy: Invalid condition test: must be a List or Object.'],
    ['an empty condition', encode({ expiration: '2026-12-03T07:00:00Z', conditions: [[]] }), 'Invalid Policy: Invalid Condition: missing operation identifier.'],
    ['an unknown operation', encode({ expiration: '2026-12-03T07:00:00Z', conditions: [['ends-with', '$key', 'x']] }), "Invalid Policy: Invalid Condition: unknown operation 'ends-with'."],
    ['a wrong argument count', encode({ expiration: '2026-12-03T07:00:00Z', conditions: [['eq', '$key']] }), 'Invalid Policy: Invalid eq: wrong number of arguments.'],
    ['a simple condition of two properties', encode({ expiration: '2026-12-03T07:00:00Z', conditions: [{ a: 'x', b: 'y' }] }), 'Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.'],
    ['a simple condition that is no string', encode({ expiration: '2026-12-03T07:00:00Z', conditions: [{ a: 1 }] }), 'Invalid Policy: Invalid Simple-Condition: value must be a string.'],
    ['a length range of floats', encode({ expiration: '2026-12-03T07:00:00Z', conditions: [['content-length-range', 0.5, 10]] }), 'Invalid Policy: Invalid JSON.'],
  ])('refuses %s with InvalidPolicyDocument', (_what, policy, message) => {
    expect(refusal(() => parsePostPolicy(policy, NOW))).toMatchObject({ code: 'InvalidPolicyDocument', message });
  });

  it('answers an expired policy with AccessDenied', () => {
    expect(refusal(() => policyOf([], '2026-12-03T05:59:59Z'))).toMatchObject({ code: 'AccessDenied', message: 'Invalid according to Policy: Policy expired.' });
  });

  it('takes quoted integers in a length range', () => {
    expect(lengthRangeOf(policyOf([{ bucket: 'b' }, ['content-length-range', '1', '10']]))).toEqual({ min: 1, max: 10 });
  });

  it('holds the file to every length range the policy sets, and to none when it sets none', () => {
    expect(lengthRangeOf(policyOf([{ bucket: 'b' }, ['content-length-range', 1, 10], ['content-length-range', 4, 20]]))).toEqual({ min: 4, max: 10 });
    expect(lengthRangeOf(policyOf([{ bucket: 'b' }]))).toBeUndefined();
  });
});

describe('checkPostPolicy', () => {
  const input = (fields: Record<string, string>, key = 'user/a.txt') => ({ bucket: 'b', key, fields: new Map(Object.entries(fields)) });

  it('accepts a form every field of which a condition names, the signature fields and x-ignore-* aside', () => {
    const policy = policyOf([{ bucket: 'b' }, ['starts-with', '$key', 'user/'], ['eq', '$Content-Type', 'text/plain']]);
    expect(() =>
      checkPostPolicy(policy, input({ key: 'user/${filename}', 'content-type': 'text/plain', policy: 'p', 'x-amz-signature': 's', 'x-ignore-note': 'n' })),
    ).not.toThrow();
  });

  it('reads starts-with on Content-Type as a list when the value has commas', () => {
    const policy = policyOf([{ bucket: 'b' }, ['starts-with', '$content-type', 'image/'], ['starts-with', '$key', '']]);
    expect(() => checkPostPolicy(policy, input({ key: 'k', 'content-type': 'image/png, image/jpeg' }))).not.toThrow();
    expect(refusal(() => checkPostPolicy(policy, input({ key: 'k', 'content-type': 'image/png, text/plain' }))).message).toBe(
      'Invalid according to Policy: Policy Condition failed: ["starts-with", "$content-type", "image/"]',
    );
  });

  it('needs a bucket condition', () => {
    const policy = policyOf([['starts-with', '$key', '']]);
    expect(refusal(() => checkPostPolicy(policy, input({ key: 'k' }))).message).toBe('Invalid according to Policy: Extra input fields: bucket');
  });

  it('checks the key with ${filename} expanded, and names a field missing from the form', () => {
    const policy = policyOf([{ bucket: 'b' }, { key: 'user/a.txt' }, ['eq', '$x-amz-meta-tag', 'x']]);
    expect(refusal(() => checkPostPolicy(policy, input({ key: 'user/${filename}' }))).message).toBe(
      'Invalid according to Policy: Policy Condition failed: ["eq", "$x-amz-meta-tag", "x"]',
    );
  });
});
