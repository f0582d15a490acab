import { accessHandler } from '../../access/access-handler';
import { GetBucketAclCommand } from './get-bucket-acl.command';

export const GetBucketAclHandler = accessHandler(GetBucketAclCommand, async ({ backend }, { input }) => (await backend.bucketAccess(input)).acl);
