import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply } from 'fastify';
import type { PutObjectOutput } from '../../../backends/backend';
import { quoteEtag } from '../../../backends/common/etag';
import { PostObjectCommand } from '../../../operations/objects/post-object/post-object.command';
import { S3Error } from '../../errors/s3-error';
import { readAclHeaders } from '../headers/acl-headers';
import { declaredChecksum } from '../headers/checksum-headers';
import { readObjectMetadata } from '../headers/object-metadata-headers';
import { readTaggingDocument } from '../tagging/tagging-document';
import { parseXml } from '../xml/xml-body-reader';
import { toXml } from '../xml/xml-writer';
import { bucketOf, type S3HttpRequest, S3Route, sendEmpty, sendXml } from './s3-route';

/** The form of an admitted POST Object request (the admission read and authenticated it). */
function formOf(req: S3HttpRequest): NonNullable<S3HttpRequest['auth']['form']> {
  const { form } = req.auth;
  if (form === undefined) throw new S3Error('InternalError', 'a POST Object request reached its route without its form');
  return form;
}

/**
 * The form's fields where a PUT has headers: Content-Type, Cache-Control, x-amz-meta-*,
 * x-amz-checksum-* are named alike; the canned ACL is the field acl where a PUT has x-amz-acl.
 */
function fieldsAsHeaders(fields: ReadonlyMap<string, string>): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = Object.fromEntries(fields);
  const acl = fields.get('acl');
  if (acl !== undefined) headers['x-amz-acl'] = acl;
  return headers;
}

/** The object's URL, as the Location header and a 201 document give it: virtual-hosted when the request was. */
function objectLocation(req: S3HttpRequest, bucket: string, key: string): string {
  const { request, target } = req;
  const path = key.split('/').map(encodeURIComponent).join('/');
  const base = `${request.protocol}://${request.headers.host ?? 'localhost'}`;
  return target.hostBucket === undefined ? `${base}/${encodeURIComponent(bucket)}/${path}` : `${base}/${path}`;
}

/** success_action_redirect (or its older name redirect) with bucket, key and etag added, when it is a URL. */
function redirectTarget(fields: ReadonlyMap<string, string>, bucket: string, key: string, etag: string): string | undefined {
  const redirect = fields.get('success_action_redirect') ?? fields.get('redirect');
  if (redirect === undefined) return undefined;
  try {
    const url = new URL(redirect);
    url.searchParams.set('bucket', bucket);
    url.searchParams.set('key', key);
    url.searchParams.set('etag', etag);
    return url.toString();
  } catch {
    // AWS answers as if no redirect was asked for when it is not a URL.
    return undefined;
  }
}

export const postObjectRoute: S3Route<PutObjectOutput> = {
  operation: 'PostObject',
  toCommand(req) {
    const { fields, key } = formOf(req);
    const headers = fieldsAsHeaders(fields);
    const tagging = fields.get('tagging');
    return new PostObjectCommand(req.context, {
      bucket: bucketOf(req),
      key,
      body: req.auth.body,
      contentLength: req.auth.contentLength ?? 0,
      lengthIsMaximum: req.auth.contentLengthIsMaximum,
      metadata: readObjectMetadata(headers),
      tagging: tagging === undefined ? undefined : readTaggingDocument(parseXml(tagging)),
      checksum: declaredChecksum(headers, req.auth),
      aclRequest: readAclHeaders(headers),
    });
  },
  send(reply: FastifyReply, { etag }, req) {
    const { fields, key } = formOf(req);
    const bucket = bucketOf(req);
    const quoted = quoteEtag(etag);
    const redirect = redirectTarget(fields, bucket, key, quoted);
    if (redirect !== undefined) {
      reply.header('location', redirect);
      sendEmpty(reply, 303);
      return;
    }
    const location = objectLocation(req, bucket, key);
    reply.header('etag', quoted).header('location', location);
    const checksum = req.auth.checksum;
    if (checksum) reply.header(`x-amz-checksum-${checksum.algorithm}`, checksum.value);
    const status = fields.get('success_action_status');
    if (status === '201') sendXml(reply, toXml('PostResponse', { Location: location, Bucket: bucket, Key: key, ETag: quoted }, false), 201);
    else sendEmpty(reply, status === '200' ? 200 : 204);
  },
};
