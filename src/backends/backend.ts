import { S3Error } from '../s3/errors/s3-error';
import type {
  BucketInfo,
  BucketInput,
  CreateBucketInput,
  GetObjectInput,
  GetObjectOutput,
  HeadObjectInput,
  HeadObjectOutput,
  ListObjectsInput,
  ListObjectsOutput,
  ObjectInput,
  PutObjectInput,
  PutObjectOutput,
} from './backend.types';

export * from './backend.types';

/** DI token of the active storage backend. */
export const BACKEND = Symbol('Backend');

export type BackendType = 'posix' | 'scoutfs' | 'azure' | 's3proxy';

/**
 * The storage port: one method per S3 operation, plain typed objects and Node streams in and out.
 * Backends translate their native errors (errno, Azure, upstream S3) into S3Error at their edge.
 */
export interface Backend {
  readonly type: BackendType;

  listBuckets(): Promise<BucketInfo[]>;
  createBucket(input: CreateBucketInput): Promise<void>;
  /** NoSuchBucket when absent; also how callers learn a bucket's owner. */
  headBucket(input: BucketInput): Promise<BucketInfo>;
  deleteBucket(input: BucketInput): Promise<void>;

  putObject(input: PutObjectInput): Promise<PutObjectOutput>;
  getObject(input: GetObjectInput): Promise<GetObjectOutput>;
  headObject(input: HeadObjectInput): Promise<HeadObjectOutput>;
  /** Succeeds also when the key does not exist, as S3 does. */
  deleteObject(input: ObjectInput): Promise<void>;
  listObjects(input: ListObjectsInput): Promise<ListObjectsOutput>;

  /** Releases what the backend holds open (file handles, connections). */
  close(): Promise<void>;
}

/**
 * A base that answers NotImplemented for every operation, so a new backend grows one method
 * at a time and a client learns exactly which operation is missing.
 */
export abstract class BackendBase implements Backend {
  abstract readonly type: BackendType;

  private notImplemented(operation: string): Promise<never> {
    return Promise.reject(new S3Error('NotImplemented', `${operation} is not implemented by the ${this.type} backend`));
  }

  listBuckets(): Promise<BucketInfo[]> {
    return this.notImplemented('ListBuckets');
  }
  createBucket(_input: CreateBucketInput): Promise<void> {
    return this.notImplemented('CreateBucket');
  }
  headBucket(_input: BucketInput): Promise<BucketInfo> {
    return this.notImplemented('HeadBucket');
  }
  deleteBucket(_input: BucketInput): Promise<void> {
    return this.notImplemented('DeleteBucket');
  }
  putObject(_input: PutObjectInput): Promise<PutObjectOutput> {
    return this.notImplemented('PutObject');
  }
  getObject(_input: GetObjectInput): Promise<GetObjectOutput> {
    return this.notImplemented('GetObject');
  }
  headObject(_input: HeadObjectInput): Promise<HeadObjectOutput> {
    return this.notImplemented('HeadObject');
  }
  deleteObject(_input: ObjectInput): Promise<void> {
    return this.notImplemented('DeleteObject');
  }
  listObjects(_input: ListObjectsInput): Promise<ListObjectsOutput> {
    return this.notImplemented('ListObjects');
  }
  async close(): Promise<void> {}
}
