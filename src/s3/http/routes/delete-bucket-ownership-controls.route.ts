import { DeleteBucketOwnershipControlsCommand } from '../../../operations/buckets/delete-bucket-ownership-controls/delete-bucket-ownership-controls.command';
import { bucketSettingDeleteRoute } from './bucket-setting-delete';

export const deleteBucketOwnershipControlsRoute = bucketSettingDeleteRoute('DeleteBucketOwnershipControls', DeleteBucketOwnershipControlsCommand);
