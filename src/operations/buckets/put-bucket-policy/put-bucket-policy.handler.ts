import { accessHandler } from '../../access/access-handler';
import { S3Error } from '../../../s3/errors/s3-error';
import { compilePolicy } from '../../../s3/access/policy/policy-compiler';
import { parsePolicy } from '../../../s3/access/policy/policy-parser';
import { PutBucketPolicyCommand } from './put-bucket-policy.command';

export const PutBucketPolicyHandler = accessHandler(PutBucketPolicyCommand, async (deps, command) => {
  const { bucket, policy } = command.input;
  // Validated and compiled now, so that a document the gateway would refuse later is refused here.
  const compiled = compilePolicy(parsePolicy(policy, { bucket, accountExists: (access) => deps.iam.getAccount(access) !== undefined }));
  const { publicAccessBlock } = await deps.backend.bucketAccess({ bucket });
  if (publicAccessBlock?.BlockPublicPolicy && compiled.isPublic) throw new S3Error('AccessDenied');
  await deps.change(bucket, { kind: 'policy', value: policy }, command);
});
