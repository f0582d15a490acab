import { DeletePublicAccessBlockCommand } from '../../../operations/buckets/delete-public-access-block/delete-public-access-block.command';
import { bucketSettingDeleteRoute } from './bucket-setting-delete';

export const deletePublicAccessBlockRoute = bucketSettingDeleteRoute('DeletePublicAccessBlock', DeletePublicAccessBlockCommand);
