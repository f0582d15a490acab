import { accessHandler } from '../../access/access-handler';
import { DeleteBucketPolicyCommand } from './delete-bucket-policy.command';

export const DeleteBucketPolicyHandler = accessHandler(DeleteBucketPolicyCommand, (deps, command) => deps.change(command.input.bucket, { kind: 'policy', value: undefined }, command));
