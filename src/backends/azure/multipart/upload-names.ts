import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** The gateway's own area of a container, as VersityGW names it: hidden from listings, ignored by DeleteBucket. */
export const TMP_PREFIX = '.sgwtmp/';
export const MULTIPART_PREFIX = `${TMP_PREFIX}multipart/`;

export const newUploadId = (): string => randomUUID();

const keyHash = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * The upload's marker: an empty blob at VersityGW's place for it (`.sgwtmp/multipart/<upload
 * id>/<sha256 of key>`) whose metadata, headers and tags are those the object will get. Its
 * existence is the upload's: a part, a listing or a completion without it is NoSuchUpload.
 */
export function markerName(key: string, uploadId: string): string {
  return `${MULTIPART_PREFIX}${uploadId}/${keyHash(key)}`;
}

/** Where the records of an upload's parts are: one empty blob per part, its metadata describing it. */
export function partsPrefix(key: string, uploadId: string): string {
  return `${markerName(key, uploadId)}.parts/`;
}

export function partRecordName(key: string, uploadId: string, partNumber: number): string {
  return `${partsPrefix(key, uploadId)}${String(partNumber).padStart(5, '0')}`;
}

/** What a name in the multipart area is: an upload's marker, a part's record, or neither. */
export type MultipartName = { kind: 'marker'; uploadId: string } | { kind: 'part'; uploadId: string; partNumber: number } | { kind: 'other' };

const MARKER = /^\.sgwtmp\/multipart\/([0-9a-f-]{36})\/[0-9a-f]{64}$/;
const PART = /^\.sgwtmp\/multipart\/([0-9a-f-]{36})\/[0-9a-f]{64}\.parts\/(\d{5})$/;

export function parseMultipartName(name: string): MultipartName {
  const marker = MARKER.exec(name);
  if (marker) return { kind: 'marker', uploadId: marker[1] };
  const part = PART.exec(name);
  if (part) return { kind: 'part', uploadId: part[1], partNumber: Number(part[2]) };
  return { kind: 'other' };
}

/**
 * The id of a part's staged block on the object's blob. Azure wants every block id of a blob to
 * have one length: 24 bytes, 32 characters of base64. The upload's and the part's share keep the
 * blocks of two uploads of the key apart in Azure's logs; the random rest makes a part uploaded
 * again a new block, so the record (which names the block) alone says which one is the part.
 */
export function newBlockId(uploadId: string, partNumber: number): string {
  const id = Buffer.alloc(24);
  id.write('T', 0, 'latin1');
  createHash('sha256').update(uploadId).digest().copy(id, 1, 0, 12);
  id.writeUInt16BE(partNumber, 13);
  randomBytes(9).copy(id, 15);
  return id.toString('base64');
}
