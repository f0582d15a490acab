import { BackendBase, type BucketInfo, type BucketInput, type DeleteObjectOutput, type ListObjectsInput, type ListObjectsOutput, type PutObjectTaggingInput, type TagSet, type VersionedObjectInput } from '../../../src/backends/backend';
import { S3Error } from '../../../src/s3/errors/s3-error';

/**
 * The port methods BackendBase composes from others (batch delete, tagging deletes, the V2
 * listing): what a backend without a native call gets, the posix backend included.
 */
class ComposingBackend extends BackendBase {
  readonly type = 'posix' as const;
  readonly calls: string[] = [];
  buckets = new Set(['b']);
  keys = new Set(['a', 'b', 'c', 'd/e', 'd/f']);

  override async headBucket({ bucket }: BucketInput): Promise<BucketInfo> {
    this.calls.push(`headBucket ${bucket}`);
    if (!this.buckets.has(bucket)) throw new S3Error('NoSuchBucket');
    return { name: bucket, creationDate: new Date(0), owner: 'OWNER' };
  }
  override async deleteObject({ key, versionId }: VersionedObjectInput): Promise<DeleteObjectOutput> {
    this.calls.push(`deleteObject ${key}`);
    if (key === 'locked') throw new S3Error('AccessDenied');
    if (key === 'broken') throw new Error('disk on fire');
    this.keys.delete(key);
    return versionId === undefined ? {} : { versionId, deleteMarker: true };
  }
  override async putObjectTagging({ key, tags }: PutObjectTaggingInput): Promise<void> {
    this.calls.push(`putObjectTagging ${key} ${JSON.stringify(tags)}`);
  }
  override async putBucketTagging({ bucket, tags }: BucketInput & { tags: TagSet }): Promise<void> {
    this.calls.push(`putBucketTagging ${bucket} ${JSON.stringify(tags)}`);
  }
  override async listObjects({ marker, maxKeys, prefix }: ListObjectsInput): Promise<ListObjectsOutput> {
    this.calls.push(`listObjects after '${marker}'`);
    const keys = [...this.keys].filter((key) => key.startsWith(prefix) && key > marker).sort();
    const page = keys.slice(0, maxKeys);
    const isTruncated = keys.length > maxKeys;
    return {
      objects: page.map((key) => ({ key, size: 1, etag: 'e', lastModified: new Date(0) })),
      commonPrefixes: [],
      isTruncated,
      ...(isTruncated ? { nextMarker: page[page.length - 1] } : {}),
    };
  }
}

describe('BackendBase: port methods composed from others', () => {
  it('deleteObjects: checks the bucket, deletes each key, reports each failure in its place', async () => {
    const backend = new ComposingBackend();
    const outcomes = await backend.deleteObjects({ bucket: 'b', objects: [{ key: 'a' }, { key: 'locked' }, { key: 'c', versionId: 'v1' }, { key: 'broken' }, { key: 'gone' }] });
    expect(backend.calls[0]).toBe('headBucket b');
    expect(backend.calls.filter((call) => call.startsWith('deleteObject')).sort()).toEqual(['deleteObject a', 'deleteObject broken', 'deleteObject c', 'deleteObject gone', 'deleteObject locked']);
    expect(outcomes.map((outcome) => ('error' in outcome ? `${outcome.key}: ${outcome.error.code}` : `${outcome.key}: ${JSON.stringify(outcome.deleted)}`))).toEqual([
      'a: {}',
      'locked: AccessDenied',
      'c: {"versionId":"v1","deleteMarker":true}',
      'broken: InternalError',
      'gone: {}',
    ]);
    expect(outcomes[2]).toMatchObject({ key: 'c', versionId: 'v1' });
  });

  it('deleteObjects: NoSuchBucket for the whole batch, even an empty one', async () => {
    const backend = new ComposingBackend();
    await expect(backend.deleteObjects({ bucket: 'missing', objects: [] })).rejects.toMatchObject({ code: 'NoSuchBucket' });
    await expect(backend.deleteObjects({ bucket: 'missing', objects: [{ key: 'a' }] })).rejects.toMatchObject({ code: 'NoSuchBucket' });
    expect(backend.calls).toEqual(['headBucket missing', 'headBucket missing']);
  });

  it('deleteObjectTagging and deleteBucketTagging replace the tags with none', async () => {
    const backend = new ComposingBackend();
    await backend.deleteObjectTagging({ bucket: 'b', key: 'a', versionId: 'v1' });
    await backend.deleteBucketTagging({ bucket: 'b' });
    expect(backend.calls).toEqual(['putObjectTagging a {}', 'putBucketTagging b {}']);
  });

  it('listObjectsV2: resumes after the key its own token carries, or after start-after; owner only when fetched', async () => {
    const backend = new ComposingBackend();
    const first = await backend.listObjectsV2({ bucket: 'b', prefix: '', delimiter: '', maxKeys: 2, fetchOwner: false, startAfter: 'a' });
    expect(first.objects.map((o) => o.key)).toEqual(['b', 'c']);
    expect(first.owner).toBeUndefined();
    expect(first.nextContinuationToken).toEqual(expect.any(String));
    const second = await backend.listObjectsV2({ bucket: 'b', prefix: '', delimiter: '', maxKeys: 2, fetchOwner: true, continuationToken: first.nextContinuationToken, startAfter: 'a' });
    expect(second.objects.map((o) => o.key)).toEqual(['d/e', 'd/f']);
    expect(second.nextContinuationToken).toBeUndefined();
    expect(second.owner).toBe('OWNER');
    expect(backend.calls).toEqual(["listObjects after 'a'", "listObjects after 'c'", 'headBucket b']);
    await expect(backend.listObjectsV2({ bucket: 'b', prefix: '', delimiter: '', maxKeys: 2, fetchOwner: false, continuationToken: 'not-ours' })).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});
