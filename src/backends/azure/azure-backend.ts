import type { StoragePipelineOptions } from '@azure/storage-blob';
import type { AzureBackendConfig } from '../../config/gateway-config';
import { BackendBase, type BackendType } from '../backend';
import type {
  AccessControlList,
  BucketAccessChange,
  BucketAccessConfig,
  BucketInfo,
  BucketInput,
  CompleteMultipartUploadInput,
  CompleteMultipartUploadOutput,
  CopyObjectInput,
  CopyObjectOutput,
  CreateBucketInput,
  CreateMultipartUploadInput,
  CreateMultipartUploadOutput,
  DeleteObjectOutput,
  GetObjectAttributesOutput,
  GetObjectInput,
  GetObjectOutput,
  HeadObjectInput,
  HeadObjectOutput,
  ListMultipartUploadsInput,
  ListMultipartUploadsOutput,
  ListObjectsInput,
  ListObjectsOutput,
  ListPartsInput,
  ListPartsOutput,
  MultipartStorageRecovery,
  ObjectInput,
  PartOutput,
  PutObjectInput,
  PutObjectOutput,
  PutObjectTaggingInput,
  StoredUpload,
  TagSet,
  TracedInput,
  UploadInput,
  UploadPartCopyInput,
  UploadPartInput,
  VersionedObjectInput,
} from '../backend.types';
import { AzureStorage } from './azure-storage';
import * as containers from './containers';
import { refuseLockedWrite } from '../common/object-lock-errors';
import { copyObject } from './copy-object';
import { AzureListing } from './listing';
import * as multipart from './multipart';
import * as objects from './objects';

/**
 * VersityGW's azure backend: a bucket is a container of the storage account, an object a block
 * blob of the same name, its metadata, content headers and tags the blob's metadata, properties
 * and index tags. What Azure has no counterpart for (versions, object lock, checksums kept with
 * objects) answers NotImplemented through BackendBase. docs/backends.md has the mapping.
 */
export class AzureBackend extends BackendBase {
  readonly type: BackendType = 'azure';
  private readonly storage: AzureStorage;
  private readonly listing: AzureListing;

  constructor(config: Omit<AzureBackendConfig, 'type'>, pipeline: StoragePipelineOptions = {}) {
    super();
    this.storage = new AzureStorage(config, pipeline);
    this.listing = new AzureListing(this.storage);
  }

  override listBuckets(input?: TracedInput): Promise<BucketInfo[]> {
    return containers.listBuckets(this.storage, input?.trace);
  }

  override createBucket(input: CreateBucketInput): Promise<void> {
    return this.changingBucket(input.bucket, containers.createBucket(this.storage, input));
  }

  override headBucket(input: BucketInput): Promise<BucketInfo> {
    return containers.headBucket(this.storage, input.bucket, input.trace);
  }

  /** The bucket owner's access key, from the one cache of bucket configurations. */
  private async ownerOf(input: BucketInput): Promise<string> {
    return (await this.bucketConfiguration(input)).access.acl.owner;
  }

  override deleteBucket(input: BucketInput): Promise<void> {
    return this.changingBucket(input.bucket, containers.deleteBucket(this.storage, input.bucket, input.trace));
  }

  override changeBucketOwner(input: BucketInput & { owner: string }): Promise<void> {
    return this.changingBucket(input.bucket, containers.changeBucketOwner(this.storage, input.bucket, input.owner, input.trace));
  }

  override bucketAccess(input: BucketInput): Promise<BucketAccessConfig> {
    return containers.bucketAccess(this.storage, input.bucket, input.trace);
  }

  /** A new ACL may name a new owner: the cached one is forgotten. */
  override changeBucketAccess(input: BucketInput & { change: BucketAccessChange }): Promise<void> {
    return this.changingBucket(input.bucket, containers.changeBucketAccess(this.storage, input.bucket, input.change, input.trace));
  }

  override getBucketTagging(input: BucketInput): Promise<TagSet> {
    return containers.getBucketTagging(this.storage, input.bucket, input.trace);
  }

  override putBucketTagging(input: BucketInput & { tags: TagSet }): Promise<void> {
    return containers.putBucketTagging(this.storage, input.bucket, input.tags, input.trace);
  }

  override getBucketCors(input: BucketInput): Promise<Buffer | undefined> {
    return containers.getBucketCors(this.storage, input.bucket, input.trace);
  }

  override putBucketCors(input: BucketInput & { cors: Buffer | undefined }): Promise<void> {
    return this.changingBucket(input.bucket, containers.putBucketCors(this.storage, input.bucket, input.cors, input.trace));
  }

  override async putObject(input: PutObjectInput): Promise<PutObjectOutput> {
    refuseLockedWrite(input.lock);
    return objects.putObject(this.storage, input);
  }

  override getObject(input: GetObjectInput): Promise<GetObjectOutput> {
    return objects.getObject(this.storage, input);
  }

  override headObject(input: HeadObjectInput): Promise<HeadObjectOutput> {
    return objects.headObject(this.storage, input);
  }

  override async getObjectAttributes(input: ObjectInput): Promise<GetObjectAttributesOutput> {
    return { info: (await objects.describeBlob(this.storage, input.bucket, input.key, input.trace)).info };
  }

  override deleteObject(input: VersionedObjectInput): Promise<DeleteObjectOutput> {
    return objects.deleteObject(this.storage, input);
  }

  override async copyObject(input: CopyObjectInput): Promise<CopyObjectOutput> {
    refuseLockedWrite(input.lock);
    return copyObject(this.storage, input);
  }

  override getObjectTagging(input: VersionedObjectInput): Promise<TagSet> {
    return objects.getObjectTagging(this.storage, input);
  }

  override putObjectTagging(input: PutObjectTaggingInput): Promise<void> {
    return objects.putObjectTagging(this.storage, input);
  }

  override getObjectAcl(input: ObjectInput): Promise<AccessControlList | undefined> {
    return objects.getObjectAcl(this.storage, input);
  }

  override putObjectAcl(input: ObjectInput & { acl: AccessControlList }): Promise<void> {
    return objects.putObjectAcl(this.storage, input);
  }

  override listObjects(input: ListObjectsInput): Promise<ListObjectsOutput> {
    return this.listing.list(input, input.trace);
  }

  override async createMultipartUpload(input: CreateMultipartUploadInput): Promise<CreateMultipartUploadOutput> {
    refuseLockedWrite(input.lock);
    return multipart.createMultipartUpload(this.storage, input);
  }

  override uploadPart(input: UploadPartInput): Promise<PartOutput> {
    return multipart.uploadPart(this.storage, input);
  }

  override uploadPartCopy(input: UploadPartCopyInput): Promise<PartOutput> {
    return multipart.uploadPartCopy(this.storage, input);
  }

  override completeMultipartUpload(input: CompleteMultipartUploadInput): Promise<CompleteMultipartUploadOutput> {
    return multipart.completeMultipartUpload(this.storage, input);
  }

  override releaseMultipartUpload(input: UploadInput): Promise<void> {
    return multipart.releaseMultipartUpload(this.storage, input);
  }

  override abortMultipartUpload(input: UploadInput): Promise<void> {
    return multipart.abortMultipartUpload(this.storage, input);
  }

  override async listMultipartUploads(input: ListMultipartUploadsInput): Promise<ListMultipartUploadsOutput> {
    return multipart.listMultipartUploads(this.storage, input, await this.ownerOf(input));
  }

  override async listParts(input: ListPartsInput): Promise<ListPartsOutput> {
    return multipart.listParts(this.storage, input, await this.ownerOf(input));
  }

  override scanMultipartUploads(options: { withParts: boolean }): AsyncIterable<StoredUpload> {
    return multipart.scanMultipartUploads(this.storage, options);
  }

  override recoverMultipartStorage(): Promise<MultipartStorageRecovery> {
    return multipart.recoverMultipartStorage(this.storage);
  }
}
