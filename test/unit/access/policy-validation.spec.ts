import { parsePolicy } from '../../../src/s3/access/policy/policy-parser';
import { S3Error } from '../../../src/s3/errors/s3-error';

const scope = { bucket: 'photos', accountExists: (a: string) => a === 'ALICE' };
const statement = { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' };
const doc = (statements: unknown) => JSON.stringify({ Version: '2012-10-17', Statement: statements });

function reason(text: string): string {
  try {
    parsePolicy(text, scope);
  } catch (err) {
    if (S3Error.is(err, 'MalformedPolicy')) return err.message;
    throw err;
  }
  return 'accepted';
}

describe('bucket policy validation (MalformedPolicy with AWS reasons)', () => {
  it.each([
    ['bad JSON', '{"Version": ', 'This policy contains invalid Json'],
    ['not an object', '[1]', "Policies must be valid JSON and the first byte must be '{'"],
    ['no Statement', JSON.stringify({ Version: '2012-10-17' }), 'Missing required field Statement'],
    ['an empty Statement', doc([]), 'Could not parse the policy: Statement is empty!'],
    ['a bad version', JSON.stringify({ Version: '2019-01-01', Statement: [statement] }), 'The policy must contain a valid version string'],
    ['an unknown action', doc([{ ...statement, Action: 's3:GetObjects' }]), 'Policy has invalid action'],
    ['a resource outside the bucket', doc([{ ...statement, Resource: 'arn:aws:s3:::other/*' }]), 'Policy has invalid resource'],
    ['a resource that is no S3 ARN', doc([{ ...statement, Resource: 'photos/*' }]), 'Policy has invalid resource'],
    ['a missing principal', doc([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' }]), 'Missing required field Principal'],
    ['an unknown account', doc([{ ...statement, Principal: { AWS: 'NOBODY' } }]), 'Invalid principal in policy'],
    ['an object action on the bucket only', doc([{ ...statement, Resource: 'arn:aws:s3:::photos' }]), 'Action does not apply to any resource(s) in statement'],
    ['a bad effect', doc([{ ...statement, Effect: 'Permit' }]), 'Invalid effect: Permit'],
    ['an unknown condition operator', doc([{ ...statement, Condition: { StringSort: { 's3:prefix': 'a' } } }]), 'Invalid Condition type : StringSort'],
    ['an unknown s3 condition key', doc([{ ...statement, Condition: { StringEquals: { 's3:colour': 'red' } } }]), 'Policy has an invalid condition key'],
    ['twice the same Sid', doc([{ ...statement, Sid: 'a' }, { ...statement, Sid: 'a' }]), 'Statement IDs (SID) in a single policy must be unique'],
  ])('refuses %s', (_what, text, expected) => {
    expect(reason(text)).toBe(expected);
  });

  it('accepts one statement as an object, principals by access key or ARN, and a 2008 version', () => {
    expect(reason(JSON.stringify({ Statement: { ...statement, Principal: { AWS: ['ALICE', 'arn:aws:iam::ALICE:user/alice'] } } }))).toBe('accepted');
    expect(reason(doc([{ ...statement, Action: ['s3:List*', 's3:Get*'], Resource: ['arn:aws:s3:::photos', 'arn:aws:s3:::photos/*'] }]))).toBe('accepted');
  });
});
