import { DeleteBucketPolicyCommand } from '../../../operations/buckets/delete-bucket-policy/delete-bucket-policy.command';
import { bucketSettingDeleteRoute } from './bucket-setting-delete';

export const deleteBucketPolicyRoute = bucketSettingDeleteRoute('DeleteBucketPolicy', DeleteBucketPolicyCommand);
