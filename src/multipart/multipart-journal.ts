import type { ChecksumValue, UploadChecksumSpec } from '../backends/backend.types';
import type { NewEvent } from '../journal/event';
import type { EventStore } from '../journal/event-store';
import type { JournalDatabase } from '../journal/journal-database';
import {
  type EventOrigin,
  isMultipartEvent,
  partUploaded,
  type UploadAbortedData,
  uploadAborted,
  type UploadCompletedData,
  uploadCompleted,
  uploadCreated,
  type UploadIdentity,
  uploadStreamId,
} from './multipart-events';
import type { PartRecord, UploadKey, UploadRecord, UploadsRepository } from './uploads.repository';

/** An upload in flight as this node's journal knows it, with its parts. */
export interface JournaledUpload extends UploadRecord {
  parts: PartRecord[];
}

/**
 * This node's record of multipart uploads: every change is an event appended in the same
 * transaction as the projection update (EventStore), so the record and the tables never
 * disagree. The file system stays the truth for what exists; this is what this node saw.
 * Each call is one small SQLite transaction (WAL, no fsync per commit), a few tens of
 * microseconds beside a part's megabytes of I/O.
 */
export class MultipartJournal {
  constructor(
    private readonly journal: JournalDatabase,
    private readonly events: EventStore,
    private readonly uploads: UploadsRepository,
  ) {}

  created(upload: UploadIdentity, initiated: Date, checksum: UploadChecksumSpec | undefined, traceId?: string): void {
    this.events.append(uploadCreated(upload, { initiated, checksumAlgorithm: checksum?.algorithm, checksumType: checksum?.type, origin: 'request' }, traceId));
  }

  partUploaded(upload: UploadIdentity, part: { partNumber: number; etag: string; size: number; checksum?: ChecksumValue }, traceId?: string): void {
    this.events.append(partUploaded(upload, part, 'request', traceId));
  }

  completed(upload: UploadIdentity, result: { etag: string; size: number; partCount: number }, origin: EventOrigin, traceId?: string): void {
    this.events.append(uploadCompleted(upload, result, origin, traceId));
  }

  aborted(upload: UploadIdentity, reason: UploadAbortedData['reason'], traceId?: string): void {
    this.events.append(uploadAborted(upload, reason, traceId));
  }

  /** Several events in one transaction: all recorded, or none. */
  appendAll(events: readonly NewEvent[]): void {
    if (events.length === 0) return;
    this.journal.transaction(() => {
      for (const event of events) this.events.append(event);
    });
  }

  /**
   * How this node completed the upload, if it did: its UploadCompleted event (the projection
   * forgets a completed upload, its stream does not). One indexed read, only for a Complete the
   * storage no longer knows, which is how a retried Complete is told from an unknown upload.
   */
  completion(upload: UploadIdentity): UploadCompletedData | undefined {
    const completed = this.events
      .readStream(uploadStreamId(upload))
      .filter((event) => isMultipartEvent(event) && event.type === 'UploadCompleted')
      .at(-1);
    const data = completed?.data as UploadCompletedData | undefined;
    return data?.key === upload.key ? data : undefined;
  }

  find(key: UploadKey): UploadRecord | undefined {
    return this.uploads.find(key);
  }

  parts(key: UploadKey): PartRecord[] {
    return this.uploads.parts(key);
  }

  /** Every upload this node knows to be in flight, oldest first, without parts. */
  uploadsInFlight(): UploadRecord[] {
    return this.uploads.all();
  }

  /** Every upload in flight with its parts: what the admin API shows. */
  inFlight(): JournaledUpload[] {
    return this.uploads.all().map((upload) => ({ ...upload, parts: this.uploads.parts(upload) }));
  }
}
