import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useAwsCliGateway } from './support/aws-cli';

/** Bucket policies, ACLs and the public access block written with aws-cli (installed by .ci/run where missing). */
describe('aws-cli: access control against a real gateway', () => {
  const ctx = useAwsCliGateway();
  const aws = ctx.aws;
  const json = async <T>(...args: string[]): Promise<T> => JSON.parse(await aws(...args)) as T;

  it('puts a policy from a file, reads it and its status back, and anonymous callers get what it allows', async () => {
    await aws('s3', 'mb', 's3://cli-policy');
    const file = join(ctx.cli.work, 'hello.txt');
    await writeFile(file, 'hello');
    await aws('s3', 'cp', file, 's3://cli-policy/site/index.html');
    await aws('s3', 'cp', file, 's3://cli-policy/data/raw.bin');
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'Website', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::cli-policy/site/*' }],
    };
    const policyFile = join(ctx.cli.work, 'policy.json');
    await writeFile(policyFile, JSON.stringify(policy));
    await aws('s3api', 'put-bucket-policy', '--bucket', 'cli-policy', '--policy', `file://${policyFile}`);
    const stored = await json<{ Policy: string }>('s3api', 'get-bucket-policy', '--bucket', 'cli-policy');
    expect(JSON.parse(stored.Policy)).toEqual(policy);
    expect((await json<{ PolicyStatus: { IsPublic: boolean } }>('s3api', 'get-bucket-policy-status', '--bucket', 'cli-policy')).PolicyStatus.IsPublic).toBe(true);
    expect((await fetch(`${ctx.gw.endpoint}/cli-policy/site/index.html`)).status).toBe(200);
    expect((await fetch(`${ctx.gw.endpoint}/cli-policy/data/raw.bin`)).status).toBe(403);

    await aws('s3api', 'delete-bucket-policy', '--bucket', 'cli-policy');
    expect((await fetch(`${ctx.gw.endpoint}/cli-policy/site/index.html`)).status).toBe(403);
  });

  it('refuses a malformed policy with MalformedPolicy', async () => {
    await aws('s3', 'mb', 's3://cli-bad-policy');
    await expect(aws('s3api', 'put-bucket-policy', '--bucket', 'cli-bad-policy', '--policy', '{"Statement": []}')).rejects.toThrow(/MalformedPolicy/);
  });

  it('sets a canned ACL, a public access block, and reads both back', async () => {
    await aws('s3', 'mb', 's3://cli-acl');
    await aws('s3api', 'put-bucket-acl', '--bucket', 'cli-acl', '--acl', 'public-read');
    const acl = await json<{ Grants: Array<{ Grantee: { URI?: string }; Permission: string }> }>('s3api', 'get-bucket-acl', '--bucket', 'cli-acl');
    expect(acl.Grants).toContainEqual({ Grantee: { Type: 'Group', URI: 'http://acs.amazonaws.com/groups/global/AllUsers' }, Permission: 'READ' });
    expect((await fetch(`${ctx.gw.endpoint}/cli-acl`)).status).toBe(200);
    await aws('s3api', 'put-public-access-block', '--bucket', 'cli-acl', '--public-access-block-configuration', 'IgnorePublicAcls=true,BlockPublicAcls=true');
    const block = await json<{ PublicAccessBlockConfiguration: Record<string, boolean> }>('s3api', 'get-public-access-block', '--bucket', 'cli-acl');
    expect(block.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false });
    expect((await fetch(`${ctx.gw.endpoint}/cli-acl`)).status).toBe(403);
  });
});
