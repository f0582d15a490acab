import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CreateBucketHandler } from './buckets/create-bucket/create-bucket.handler';
import { DeleteBucketHandler } from './buckets/delete-bucket/delete-bucket.handler';
import { GetBucketLocationHandler } from './buckets/get-bucket-location/get-bucket-location.handler';
import { HeadBucketHandler } from './buckets/head-bucket/head-bucket.handler';
import { ListBucketsHandler } from './buckets/list-buckets/list-buckets.handler';
import { ListObjectVersionsHandler } from './listing/list-object-versions/list-object-versions.handler';
import { ListObjectsV2Handler } from './listing/list-objects-v2/list-objects-v2.handler';
import { ListObjectsHandler } from './listing/list-objects/list-objects.handler';
import { DeleteObjectHandler } from './objects/delete-object/delete-object.handler';
import { GetObjectHandler } from './objects/get-object/get-object.handler';
import { HeadObjectHandler } from './objects/head-object/head-object.handler';
import { PutObjectHandler } from './objects/put-object/put-object.handler';
import { S3CommandBus } from './s3-command-bus';

/** One handler per S3 operation; they reach storage only through the Backend port. */
export const S3_HANDLERS = [
  ListBucketsHandler,
  CreateBucketHandler,
  HeadBucketHandler,
  DeleteBucketHandler,
  GetBucketLocationHandler,
  ListObjectsHandler,
  ListObjectsV2Handler,
  ListObjectVersionsHandler,
  PutObjectHandler,
  GetObjectHandler,
  HeadObjectHandler,
  DeleteObjectHandler,
];

@Module({
  imports: [CqrsModule],
  providers: [...S3_HANDLERS, S3CommandBus],
  exports: [S3CommandBus],
})
export class OperationsModule {}
