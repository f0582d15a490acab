import { compilePolicy } from '../../../src/s3/access/policy/policy-compiler';
import { evaluatePolicy, type PolicyDecision } from '../../../src/s3/access/policy/policy-evaluator';
import { parsePolicy } from '../../../src/s3/access/policy/policy-parser';
import { normalizeConditionKey } from '../../../src/s3/access/policy/condition-context';

const BUCKET = 'photos';
const ACCOUNTS = new Set(['ALICE', 'BOB']);

function compile(statements: object[]) {
  return compilePolicy(parsePolicy(JSON.stringify({ Version: '2012-10-17', Statement: statements }), { bucket: BUCKET, accountExists: (a) => ACCOUNTS.has(a) }));
}

interface Case {
  name: string;
  statements: object[];
  principal?: string;
  action: string;
  resource: string;
  keys?: Record<string, string[]>;
  expected: PolicyDecision;
}

const everyoneReads = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' };

const CASES: Case[] = [
  { name: 'an Allow to everyone lets an anonymous caller read', statements: [everyoneReads], action: 's3:GetObject', resource: 'photos/a.jpg', expected: 'allow' },
  { name: 'a statement for another action says nothing', statements: [everyoneReads], action: 's3:PutObject', resource: 'photos/a.jpg', expected: 'none' },
  {
    name: 'Deny beats Allow, whatever their order',
    statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/secret/*' }, everyoneReads],
    principal: 'ALICE',
    action: 's3:GetObject',
    resource: 'photos/secret/plan.txt',
    expected: 'deny',
  },
  {
    name: 'Deny after Allow still wins',
    statements: [everyoneReads, { Effect: 'Deny', Principal: { AWS: ['ALICE'] }, Action: 's3:*', Resource: 'arn:aws:s3:::photos/*' }],
    principal: 'ALICE',
    action: 's3:GetObject',
    resource: 'photos/a.jpg',
    expected: 'deny',
  },
  {
    name: 'a principal by ARN names the account',
    statements: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::BOB:root' }, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::photos' }],
    principal: 'BOB',
    action: 's3:ListBucket',
    resource: 'photos',
    expected: 'allow',
  },
  {
    name: 'a principal list leaves out the anonymous caller',
    statements: [{ Effect: 'Allow', Principal: { AWS: ['ALICE'] }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' }],
    action: 's3:GetObject',
    resource: 'photos/a.jpg',
    expected: 'none',
  },
  {
    name: 'NotPrincipal denies everyone but the named account',
    statements: [{ Effect: 'Deny', NotPrincipal: { AWS: 'ALICE' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' }],
    principal: 'BOB',
    action: 's3:GetObject',
    resource: 'photos/a.jpg',
    expected: 'deny',
  },
  {
    name: 'NotPrincipal spares the named account',
    statements: [{ Effect: 'Deny', NotPrincipal: { AWS: 'ALICE' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' }],
    principal: 'ALICE',
    action: 's3:GetObject',
    resource: 'photos/a.jpg',
    expected: 'none',
  },
  {
    name: 'NotPrincipal applies to anonymous callers',
    statements: [{ Effect: 'Deny', NotPrincipal: { AWS: 'ALICE' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' }],
    action: 's3:GetObject',
    resource: 'photos/a.jpg',
    expected: 'deny',
  },
  {
    name: 'action wildcards match without regard to case',
    statements: [{ Effect: 'Allow', Principal: '*', Action: 's3:get*', Resource: 'arn:aws:s3:::photos/*' }],
    action: 's3:GetObjectAcl',
    resource: 'photos/a.jpg',
    expected: 'allow',
  },
  {
    name: 'NotAction covers every other action',
    statements: [{ Effect: 'Deny', Principal: '*', NotAction: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' }],
    principal: 'BOB',
    action: 's3:DeleteObject',
    resource: 'photos/a.jpg',
    expected: 'deny',
  },
  {
    name: 'a resource wildcard spans slashes',
    statements: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/public/*.jpg' }],
    action: 's3:GetObject',
    resource: 'photos/public/2024/summer/beach.jpg',
    expected: 'allow',
  },
  {
    name: '? matches one character only',
    statements: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/img-?.png' }],
    action: 's3:GetObject',
    resource: 'photos/img-10.png',
    expected: 'none',
  },
  {
    name: 'NotResource covers every other key',
    statements: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::photos/private/*' }],
    action: 's3:GetObject',
    resource: 'photos/open.txt',
    expected: 'allow',
  },
  {
    name: 'IpAddress admits a caller inside the range',
    statements: [{ ...everyoneReads, Condition: { IpAddress: { 'aws:SourceIp': '10.1.0.0/16' } } }],
    action: 's3:GetObject',
    resource: 'photos/a.jpg',
    keys: { 'aws:sourceip': ['10.1.2.3'] },
    expected: 'allow',
  },
  {
    name: 'IpAddress leaves out a caller outside it',
    statements: [{ ...everyoneReads, Condition: { IpAddress: { 'aws:SourceIp': ['10.1.0.0/16', '2001:db8::/32'] } } }],
    action: 's3:GetObject',
    resource: 'photos/a.jpg',
    keys: { 'aws:sourceip': ['192.168.0.1'] },
    expected: 'none',
  },
  {
    name: 'NotIpAddress denies from elsewhere (IPv6 too)',
    statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::photos/*', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }],
    principal: 'ALICE',
    action: 's3:PutObject',
    resource: 'photos/a.jpg',
    keys: { 'aws:sourceip': ['2001:db8::1'] },
    expected: 'deny',
  },
  {
    name: 'Bool on aws:SecureTransport denies plain HTTP',
    statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::photos', 'arn:aws:s3:::photos/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    action: 's3:ListBucket',
    resource: 'photos',
    keys: { 'aws:securetransport': ['false'] },
    expected: 'deny',
  },
  {
    name: 'StringLike on s3:prefix lets listing of one prefix',
    statements: [{ Effect: 'Allow', Principal: { AWS: 'BOB' }, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::photos', Condition: { StringLike: { 's3:prefix': ['bob/*'] } } }],
    principal: 'BOB',
    action: 's3:ListBucket',
    resource: 'photos',
    keys: { 's3:prefix': ['bob/2024/'] },
    expected: 'allow',
  },
  {
    name: 'a positive condition on a missing key does not hold',
    statements: [{ Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::photos', Condition: { StringEquals: { 's3:prefix': 'x/' } } }],
    action: 's3:ListBucket',
    resource: 'photos',
    expected: 'none',
  },
  {
    name: '...IfExists holds when the key is missing',
    statements: [{ Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::photos', Condition: { StringEqualsIfExists: { 's3:delimiter': '/' } } }],
    action: 's3:ListBucket',
    resource: 'photos',
    expected: 'allow',
  },
  {
    name: 'a negated condition holds when the key is missing',
    statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: 'arn:aws:s3:::photos/*', Condition: { StringNotEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } }],
    principal: 'BOB',
    action: 's3:PutObject',
    resource: 'photos/a.jpg',
    expected: 'deny',
  },
  {
    name: 'NumericLessThanEquals caps s3:max-keys',
    statements: [{ Effect: 'Allow', Principal: '*', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::photos', Condition: { NumericLessThanEquals: { 's3:max-keys': '100' } } }],
    action: 's3:ListBucket',
    resource: 'photos',
    keys: { 's3:max-keys': ['1000'] },
    expected: 'none',
  },
  {
    name: 'DateLessThan on aws:CurrentTime ends a grant',
    statements: [{ ...everyoneReads, Condition: { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' } } }],
    action: 's3:GetObject',
    resource: 'photos/a.jpg',
    keys: { 'aws:currenttime': ['2026-12-03T05:00:00.000Z'] },
    expected: 'allow',
  },
  {
    name: 'Null true asks for the key to be absent',
    statements: [{ Effect: 'Deny', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*', Condition: { Null: { 'aws:username': 'true' } } }],
    action: 's3:GetObject',
    resource: 'photos/a.jpg',
    expected: 'deny',
  },
  {
    name: 'StringEquals on aws:username picks the account',
    statements: [{ ...everyoneReads, Condition: { StringEquals: { 'aws:username': 'ALICE' } } }],
    principal: 'ALICE',
    action: 's3:GetObject',
    resource: 'photos/a.jpg',
    keys: { 'aws:username': ['ALICE'] },
    expected: 'allow',
  },
  {
    name: 's3:ExistingObjectTag reads the object tag by its case-kept name',
    statements: [{ ...everyoneReads, Condition: { StringEquals: { 's3:ExistingObjectTag/Classification': 'public' } } }],
    action: 's3:GetObject',
    resource: 'photos/a.jpg',
    keys: { 's3:existingobjecttag/Classification': ['public'] },
    expected: 'allow',
  },
  {
    name: 'ArnLike matches with wildcards',
    statements: [{ ...everyoneReads, Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::photos*' } } }],
    action: 's3:GetObject',
    resource: 'photos/a.jpg',
    keys: { 'aws:sourcearn': ['arn:aws:s3:::photos-logs'] },
    expected: 'allow',
  },
  {
    name: 'every condition of a statement must hold',
    statements: [{ ...everyoneReads, Condition: { IpAddress: { 'aws:SourceIp': '127.0.0.0/8' }, Bool: { 'aws:SecureTransport': 'true' } } }],
    action: 's3:GetObject',
    resource: 'photos/a.jpg',
    keys: { 'aws:sourceip': ['127.0.0.1'], 'aws:securetransport': ['false'] },
    expected: 'none',
  },
];

describe('bucket policy evaluation (compiled once, evaluated per request)', () => {
  it.each(CASES)('$name', ({ statements, principal, action, resource, keys = {}, expected }) => {
    const policy = compile(statements);
    const values = new Map(Object.entries(keys));
    const decision = evaluatePolicy(policy, { principal, action, resource, conditions: { values: (key) => values.get(key) } });
    expect(decision).toBe(expected);
  });

  it('keeps the tag key of s3:ExistingObjectTag as written, the rest lower-cased', () => {
    expect(normalizeConditionKey('s3:ExistingObjectTag/Classification')).toBe('s3:existingobjecttag/Classification');
    expect(normalizeConditionKey('aws:SourceIp')).toBe('aws:sourceip');
  });

  it('tells a public policy (GetBucketPolicyStatus) from one narrowed to fixed addresses', () => {
    expect(compile([everyoneReads]).isPublic).toBe(true);
    expect(compile([{ ...everyoneReads, Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }]).isPublic).toBe(false);
    expect(compile([{ ...everyoneReads, Principal: { AWS: 'ALICE' } }]).isPublic).toBe(false);
    expect(compile([{ ...everyoneReads, Effect: 'Deny' }]).isPublic).toBe(false);
  });
});
