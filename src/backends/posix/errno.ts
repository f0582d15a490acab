import { S3Error } from '../../s3/errors/s3-error';

/** The errno name (`ENOENT`...) of a Node or NativeFs error, if it has one. */
export function errnoOf(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = (err as { code: unknown }).code;
  // Errno names only: Node's own ERR_* codes (bad arguments) are programming errors, not file-system answers.
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : undefined;
}

export function hasErrno(err: unknown, ...codes: string[]): boolean {
  const code = errnoOf(err);
  return code !== undefined && codes.includes(code);
}

/* Conditions a POSIX tree cannot represent, with VersityGW's codes and messages. */
export const objectParentIsFile = (key: string): S3Error => new S3Error('ObjectParentIsFile', `Object parent already exists as a file: ${key}`);
export const existingObjectIsDirectory = (key: string): S3Error =>
  new S3Error('ExistingObjectIsDirectory', `Existing object is a directory: ${key}`);
export const directoryObjectContainsData = (): S3Error => new S3Error('DirectoryObjectContainsData');
export const quotaExceeded = (): S3Error => new S3Error('QuotaExceeded');
export const outOfSpace = (): S3Error =>
  new S3Error('ServiceUnavailable', 'The storage behind this gateway is out of space.');

/** What the failing call was doing: the same errno means different things to a reader and a writer. */
export type ErrnoContext =
  | { op: 'read'; key: string }
  | { op: 'write'; key: string }
  | { op: 'bucket'; bucket: string };

/**
 * Translates a file-system error into the S3 error a client should see. S3Errors pass through
 * unchanged; anything unexpected becomes InternalError with the original as its cause.
 */
export function toS3Error(err: unknown, ctx: ErrnoContext): S3Error {
  if (err instanceof S3Error) return err;
  switch (errnoOf(err)) {
    case 'ENOENT':
      return ctx.op === 'read' ? new S3Error('NoSuchKey') : new S3Error('NoSuchBucket');
    case 'ENOTDIR':
      if (ctx.op === 'read') return new S3Error('NoSuchKey');
      if (ctx.op === 'write') return objectParentIsFile(ctx.key);
      return new S3Error('NoSuchBucket');
    case 'EISDIR':
      return ctx.op === 'write' ? existingObjectIsDirectory(ctx.key) : new S3Error('NoSuchKey');
    case 'ENAMETOOLONG':
      return new S3Error('KeyTooLongError');
    case 'EDQUOT':
      return quotaExceeded();
    case 'ENOSPC':
      return outOfSpace();
    case 'EACCES':
    case 'EPERM':
      return new S3Error('AccessDenied');
    case 'EROFS':
      // VersityGW answers a read-only file system this way too.
      return new S3Error('MethodNotAllowed');
    default:
      return new S3Error('InternalError', undefined, {}, { cause: err });
  }
}
