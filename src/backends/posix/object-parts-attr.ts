import { gunzipSync, gzipSync } from 'node:zlib';
import type { ChecksumAlgorithmName, ObjectPart } from '../backend.types';
import { hasErrno } from './errno';
import type { AttrIO } from './object-attrs';
import { XATTR } from './posix-layout';

/** The JSON inside `user.mp-metadata`: VersityGW's MpUploadMetadata, plus tracegw's part checksums. */
interface MpUploadMetadata {
  uploadId: string;
  /** parts[i] is where part i+1 ends: the sum of the sizes of parts 1..i+1. */
  parts: number[];
  checksums?: string[];
}

const GZIP_MAGIC = 0x1f8b;

function encode(metadata: MpUploadMetadata): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(metadata)));
}

/**
 * Records the parts of a completed upload on its object, as VersityGW does, so GET/HEAD with
 * partNumber and GetObjectAttributes can serve them. The part checksums are left out when the
 * record would not fit the file system's attribute space (10,000 base64 digests do not compress),
 * and the record is left out altogether when even the sizes do not: the object stays whole and
 * valid, only its parts are no longer addressable.
 */
export async function writeObjectParts(io: AttrIO, uploadId: string, parts: readonly { size: number; checksum?: { value: string } }[]): Promise<void> {
  let end = 0;
  const metadata: MpUploadMetadata = { uploadId, parts: parts.map((part) => (end += part.size)) };
  const checksums = parts.map((part) => part.checksum?.value);
  const candidates = checksums.every((value): value is string => value !== undefined) ? [encode({ ...metadata, checksums }), encode(metadata)] : [encode(metadata)];
  for (const value of candidates) {
    try {
      await io.set(XATTR.mpMetadata, value);
      return;
    } catch (err) {
      if (!hasErrno(err, 'ENOSPC', 'E2BIG', 'ERANGE')) throw err;
    }
  }
}

/** The parts recorded on an object, or undefined when it has no (readable) record. */
export async function readObjectParts(io: AttrIO, checksumAlgorithm: ChecksumAlgorithmName | undefined): Promise<ObjectPart[] | undefined> {
  const raw = await io.get(XATTR.mpMetadata);
  if (raw === undefined || raw.length === 0) return undefined;
  let metadata: Partial<MpUploadMetadata>;
  try {
    const json = raw.length >= 2 && raw.readUInt16BE(0) === GZIP_MAGIC ? gunzipSync(raw) : raw;
    metadata = JSON.parse(json.toString('utf8')) as Partial<MpUploadMetadata>;
  } catch {
    return undefined;
  }
  const ends = metadata.parts;
  if (!Array.isArray(ends) || ends.length === 0 || !ends.every((n, i) => Number.isSafeInteger(n) && n >= (i === 0 ? 0 : ends[i - 1]))) return undefined;
  const checksums = Array.isArray(metadata.checksums) && metadata.checksums.length === ends.length ? metadata.checksums : undefined;
  return ends.map((partEnd, i) => {
    const part: ObjectPart = { partNumber: i + 1, size: partEnd - (i === 0 ? 0 : ends[i - 1]) };
    const value = checksums?.[i];
    if (checksumAlgorithm !== undefined && typeof value === 'string') part.checksum = { algorithm: checksumAlgorithm, value };
    return part;
  });
}
