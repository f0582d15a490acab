import * as path from 'node:path';
import { S3Error } from '../../../s3/errors/s3-error';
import type { VersionedObjectInput } from '../../backend.types';
import type { PosixContext } from '../context';
import { type ObjectAccess, type OpenedObject, type OpenedObjectFile, openObject } from '../object-info';
import { deleteMarkerHeaders } from './current-version';
import { checkVersionId } from './version-id';
import { NULL_VERSION, versionsDirOfKey } from './version-layout';

async function closing(opened: OpenedObject, err: S3Error): Promise<never> {
  await opened.file?.close().catch(() => undefined);
  throw err;
}

/** The latest version; a delete marker there is NoSuchKey, with the marker's headers as AWS sends them. */
async function openLatest(ctx: PosixContext, input: VersionedObjectInput, access: ObjectAccess): Promise<OpenedObject> {
  const opened = await openObject(ctx, input.bucket, input.key, access);
  if (opened.info.deleteMarker) return closing(opened, new S3Error('NoSuchKey', undefined, {}, { headers: deleteMarkerHeaders(opened.info.versionId ?? NULL_VERSION) }));
  return opened;
}

/** A delete marker asked for by its id is MethodNotAllowed (405), with its headers. */
async function refusingDeleteMarker(opened: OpenedObject, id: string): Promise<OpenedObject> {
  if (opened.info.deleteMarker) return closing(opened, new S3Error('MethodNotAllowed', undefined, {}, { headers: deleteMarkerHeaders(id) }));
  opened.info.versionId = id;
  return opened;
}

const noSuchVersion = (input: VersionedObjectInput, id: string): S3Error => new S3Error('NoSuchVersion', undefined, { Key: input.key, VersionId: id });

/** An older version, from the versioning directory. */
async function openOlder(ctx: PosixContext, input: VersionedObjectInput, id: string, access: ObjectAccess): Promise<OpenedObject> {
  const versionsRoot = ctx.versioning?.versionsRoot;
  if (versionsRoot === undefined) throw noSuchVersion(input, id);
  let opened: OpenedObject;
  try {
    opened = await openObject(versionsRoot, input.bucket, path.join(versionsDirOfKey(input.key), id), access);
  } catch (err) {
    if (S3Error.is(err, 'NoSuchKey') || S3Error.is(err, 'NoSuchBucket')) throw noSuchVersion(input, id);
    throw err;
  }
  opened.info.key = input.key;
  return refusingDeleteMarker(opened, id);
}

/**
 * Opens the version a GET or HEAD names: the latest without ?versionId, else the one of that id,
 * the latest first (the file in the bucket, whose id is among its attributes), then the older
 * ones. A bad id is InvalidArgument; an id that is nowhere, NoSuchVersion.
 */
export async function openVersion(ctx: PosixContext, input: VersionedObjectInput, access: ObjectAccess): Promise<OpenedObject> {
  if (input.versionId === undefined) return openLatest(ctx, input, access);
  const id = checkVersionId(input.versionId);
  let latest: OpenedObject | undefined;
  try {
    latest = await openObject(ctx, input.bucket, input.key, access);
  } catch (err) {
    if (!S3Error.is(err, 'NoSuchKey')) throw err;
  }
  if (latest !== undefined) {
    if ((latest.info.versionId ?? NULL_VERSION) === id) return refusingDeleteMarker(latest, id);
    await latest.file?.close();
  }
  return openOlder(ctx, input, id, access);
}

const KEEP_DESCRIPTOR: ObjectAccess = { keep: 'descriptor' };

/**
 * The source of CopyObject or UploadPartCopy (x-amz-copy-source, with its ?versionId=): read through
 * one descriptor. A delete marker named by its id cannot be copied, in AWS's words.
 */
export async function openCopySource(ctx: PosixContext, source: VersionedObjectInput): Promise<OpenedObjectFile> {
  try {
    return await openVersionFile(ctx, source);
  } catch (err) {
    if (S3Error.is(err, 'MethodNotAllowed')) throw new S3Error('InvalidRequest', 'The source of a copy request may not specifically refer to a delete marker by version id.');
    throw err;
  }
}

/** The version named (the latest without an id), opened to be read or changed through its descriptor (tagging, copies). */
export async function openVersionFile(ctx: PosixContext, input: VersionedObjectInput): Promise<OpenedObjectFile> {
  const opened = await openVersion(ctx, input, KEEP_DESCRIPTOR);
  if (opened.file === undefined) throw new S3Error('InternalError', 'an object opened for its descriptor came back closed');
  return opened as OpenedObjectFile;
}
