import type { S3Resource } from '../../../src/request/request-target';
import { resolveOperation } from '../../../src/s3/http/operation-resolver';
import { parseRequestTarget } from '../../../src/s3/http/parse-request-target';
import { S3Error } from '../../../src/s3/errors/s3-error';

function resolve(method: string, url: string, headers: Record<string, string> = {}): string {
  const { resource, query } = parseRequestTarget(url);
  return resolveOperation(method, resource, query, headers);
}

describe('resolveOperation', () => {
  it.each([
    ['GET', '/', 'ListBuckets'],
    ['PUT', '/b', 'CreateBucket'],
    ['PUT', '/b/', 'CreateBucket'],
    ['HEAD', '/b', 'HeadBucket'],
    ['DELETE', '/b', 'DeleteBucket'],
    ['GET', '/b?location', 'GetBucketLocation'],
    ['GET', '/b', 'ListObjects'],
    ['GET', '/b?list-type=2&prefix=a', 'ListObjectsV2'],
    ['GET', '/b?versions', 'ListObjectVersions'],
    ['GET', '/b?uploads', 'ListMultipartUploads'],
    ['POST', '/b?delete', 'DeleteObjects'],
    ['POST', '/b', 'PostObject'],
    ['GET', '/b?policy', 'GetBucketPolicy'],
    ['GET', '/b?policyStatus', 'GetBucketPolicyStatus'],
    ['PUT', '/b?tagging', 'PutBucketTagging'],
    ['DELETE', '/b?cors', 'DeleteBucketCors'],
    ['PUT', '/b/k', 'PutObject'],
    ['GET', '/b/k', 'GetObject'],
    ['HEAD', '/b/k', 'HeadObject'],
    ['DELETE', '/b/k', 'DeleteObject'],
    ['GET', '/b/k?acl', 'GetObjectAcl'],
    ['GET', '/b/k?attributes', 'GetObjectAttributes'],
    ['POST', '/b/k?uploads', 'CreateMultipartUpload'],
    ['PUT', '/b/k?partNumber=1&uploadId=u', 'UploadPart'],
    ['GET', '/b/k?uploadId=u', 'ListParts'],
    ['POST', '/b/k?uploadId=u', 'CompleteMultipartUpload'],
    ['DELETE', '/b/k?uploadId=u', 'AbortMultipartUpload'],
    ['DELETE', '/b/k?tagging', 'DeleteObjectTagging'],
  ])('%s %s → %s', (method, url, operation) => {
    expect(resolve(method, url)).toBe(operation);
  });

  it('tells copies from uploads by x-amz-copy-source', () => {
    expect(resolve('PUT', '/b/k', { 'x-amz-copy-source': '/src/key' })).toBe('CopyObject');
    expect(resolve('PUT', '/b/k?partNumber=2&uploadId=u', { 'x-amz-copy-source': '/src/key' })).toBe('UploadPartCopy');
  });

  it.each([
    ['POST', '/'],
    ['PUT', '/'],
    ['PATCH', '/b/k'],
    ['POST', '/b/k'],
  ])('%s %s is MethodNotAllowed', (method, url) => {
    expect(() => resolve(method, url)).toThrow(expect.objectContaining({ code: 'MethodNotAllowed' }) as S3Error);
  });
});

describe('parseRequestTarget', () => {
  const resourceOf = (url: string): S3Resource => parseRequestTarget(url).resource;

  it('splits bucket and key, decoding each once and keeping slashes in keys', () => {
    expect(resourceOf('/')).toEqual({ level: 'service' });
    expect(resourceOf('/bucket')).toEqual({ level: 'bucket', bucket: 'bucket' });
    expect(resourceOf('/bucket/a/b%20c/d%2Fe')).toEqual({ level: 'object', bucket: 'bucket', key: 'a/b c/d/e' });
    expect(resourceOf('/bucket//double')).toEqual({ level: 'object', bucket: 'bucket', key: '/double' });
    expect(resourceOf('/bucket/%25literal')).toEqual({ level: 'object', bucket: 'bucket', key: '%literal' });
    expect(resourceOf('/bucket/plus+sign')).toEqual({ level: 'object', bucket: 'bucket', key: 'plus+sign' });
  });

  it('decodes query parameters, + as space', () => {
    const { query } = parseRequestTarget('/b?prefix=a%2Fb+c&delimiter=%2F&list-type=2');
    expect(query.get('prefix')).toBe('a/b c');
    expect(query.get('delimiter')).toBe('/');
  });

  it('refuses bad percent-encoding with InvalidURI and keys over 1024 bytes with KeyTooLongError', () => {
    expect(() => parseRequestTarget('/b/%E0%A4%A')).toThrow(expect.objectContaining({ code: 'InvalidURI' }) as S3Error);
    expect(() => parseRequestTarget(`/b/${'é'.repeat(513)}`)).toThrow(expect.objectContaining({ code: 'KeyTooLongError' }) as S3Error);
    expect(resourceOf(`/b/${'é'.repeat(512)}`)).toMatchObject({ level: 'object' });
  });
});
