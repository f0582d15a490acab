import type { NewEvent, StoredEvent } from '../journal/event';
import type { ChecksumAlgorithmName, ChecksumType, ChecksumValue } from '../backends/backend.types';

/** Names one upload in every event about it. */
export interface UploadIdentity {
  bucket: string;
  key: string;
  uploadId: string;
}

/**
 * How this node learned of it: through a request it served, or through start-up recovery reading
 * the file system (another gateway's upload or part, or a record a crash lost).
 */
export type EventOrigin = 'request' | 'recovery';

export interface UploadCreatedData extends UploadIdentity {
  /** ISO-8601 UTC. */
  initiated: string;
  checksumAlgorithm?: ChecksumAlgorithmName;
  checksumType?: ChecksumType;
  origin: EventOrigin;
}

export interface PartUploadedData extends UploadIdentity {
  partNumber: number;
  etag: string;
  size: number;
  checksum?: ChecksumValue;
  origin: EventOrigin;
}

export interface UploadCompletedData extends UploadIdentity {
  etag: string;
  size: number;
  partCount: number;
  origin: EventOrigin;
}

/** `request`: a client's AbortMultipartUpload; `expired`: the sweep; `vanished`: gone from the file system (finished elsewhere). */
export interface UploadAbortedData extends UploadIdentity {
  reason: 'request' | 'expired' | 'vanished';
}

/** A recorded part whose file recovery did not find. */
export interface PartRemovedData extends UploadIdentity {
  partNumber: number;
  reason: 'missing';
}

export type MultipartEvent =
  | { type: 'UploadCreated'; data: UploadCreatedData }
  | { type: 'PartUploaded'; data: PartUploadedData }
  | { type: 'UploadCompleted'; data: UploadCompletedData }
  | { type: 'UploadAborted'; data: UploadAbortedData }
  | { type: 'PartRemoved'; data: PartRemovedData };

export type StoredMultipartEvent = StoredEvent & MultipartEvent;

const TYPES: ReadonlySet<string> = new Set<MultipartEvent['type']>(['UploadCreated', 'PartUploaded', 'UploadCompleted', 'UploadAborted', 'PartRemoved']);

/** One stream per upload: its whole story reads back with EventStore.readStream. */
export function uploadStreamId(upload: UploadIdentity): string {
  return `upload:${upload.bucket}/${upload.uploadId}`;
}

/** Exactly an upload's identity, from anything that carries it (a stored upload, an event's data, a request). */
export const uploadIdentity = (u: UploadIdentity): UploadIdentity => ({ bucket: u.bucket, key: u.key, uploadId: u.uploadId });

/** Builders copy known fields one by one, so nothing else a request carried reaches the append-only log. */
export function uploadCreated(
  upload: UploadIdentity,
  details: { initiated: Date; checksumAlgorithm?: ChecksumAlgorithmName; checksumType?: ChecksumType; origin: EventOrigin },
  traceId?: string,
): NewEvent<UploadCreatedData> {
  const data: UploadCreatedData = { ...uploadIdentity(upload), initiated: details.initiated.toISOString(), origin: details.origin };
  if (details.checksumAlgorithm) data.checksumAlgorithm = details.checksumAlgorithm;
  if (details.checksumType) data.checksumType = details.checksumType;
  return { streamId: uploadStreamId(upload), type: 'UploadCreated', data, traceId };
}

export function partUploaded(
  upload: UploadIdentity,
  part: { partNumber: number; etag: string; size: number; checksum?: ChecksumValue },
  origin: EventOrigin,
  traceId?: string,
): NewEvent<PartUploadedData> {
  const data: PartUploadedData = { ...uploadIdentity(upload), partNumber: part.partNumber, etag: part.etag, size: part.size, origin };
  if (part.checksum) data.checksum = { algorithm: part.checksum.algorithm, value: part.checksum.value };
  return { streamId: uploadStreamId(upload), type: 'PartUploaded', data, traceId };
}

export function uploadCompleted(
  upload: UploadIdentity,
  result: { etag: string; size: number; partCount: number },
  origin: EventOrigin,
  traceId?: string,
): NewEvent<UploadCompletedData> {
  const data: UploadCompletedData = { ...uploadIdentity(upload), etag: result.etag, size: result.size, partCount: result.partCount, origin };
  return { streamId: uploadStreamId(upload), type: 'UploadCompleted', data, traceId };
}

export function uploadAborted(upload: UploadIdentity, reason: UploadAbortedData['reason'], traceId?: string): NewEvent<UploadAbortedData> {
  return { streamId: uploadStreamId(upload), type: 'UploadAborted', data: { ...uploadIdentity(upload), reason }, traceId };
}

export function partRemoved(upload: UploadIdentity, partNumber: number): NewEvent<PartRemovedData> {
  return { streamId: uploadStreamId(upload), type: 'PartRemoved', data: { ...uploadIdentity(upload), partNumber, reason: 'missing' } };
}

/** Narrows by type; the data shape is trusted because only the builders above write these types. */
export function isMultipartEvent(event: StoredEvent): event is StoredMultipartEvent {
  return TYPES.has(event.type);
}
