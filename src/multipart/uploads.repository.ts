import type Database from 'better-sqlite3';
import type { JournalDatabase } from '../journal/journal-database';
import { type UploadIdentity, uploadIdentity } from './multipart-events';

/** A row of `multipart_uploads` (migrations/0004_multipart.sql). */
export interface UploadRecord {
  bucket: string;
  key: string;
  uploadId: string;
  initiated: string;
  checksumAlgorithm: string | null;
  checksumType: string | null;
  origin: string;
  createdSeq: number;
  updatedSeq: number;
  updatedAt: string;
}

/** A row of `multipart_parts`. */
export interface PartRecord {
  bucket: string;
  key: string;
  uploadId: string;
  partNumber: number;
  etag: string;
  size: number;
  checksumAlgorithm: string | null;
  checksumValue: string | null;
  origin: string;
  seq: number;
  uploadedAt: string;
}

/** What names one upload in the projection tables: its identity. */
export type UploadKey = UploadIdentity;

const UPLOAD_COLUMNS = `bucket, key, upload_id AS uploadId, initiated, checksum_algorithm AS checksumAlgorithm,
  checksum_type AS checksumType, origin, created_seq AS createdSeq, updated_seq AS updatedSeq, updated_at AS updatedAt`;
const PART_COLUMNS = `bucket, key, upload_id AS uploadId, part_number AS partNumber, etag, size,
  checksum_algorithm AS checksumAlgorithm, checksum_value AS checksumValue, origin, seq, uploaded_at AS uploadedAt`;
const UPLOAD_MATCH = 'bucket = @bucket AND key = @key AND upload_id = @uploadId';

/** Written only by MultipartUploadsProjection; read by the journal's queries, recovery and the admin API. */
export class UploadsRepository {
  private readonly insertUpload: Database.Statement<[UploadRecord]>;
  private readonly touchUpload: Database.Statement<[UploadKey & { updatedSeq: number; updatedAt: string }]>;
  private readonly deleteUpload: Database.Statement<[UploadKey]>;
  private readonly upsertPart: Database.Statement<[PartRecord]>;
  private readonly deletePart: Database.Statement<[UploadKey & { partNumber: number }]>;
  private readonly deleteAllUploads: Database.Statement<[]>;
  private readonly selectUpload: Database.Statement<[UploadKey], UploadRecord>;
  private readonly selectUploads: Database.Statement<[], UploadRecord>;
  private readonly countUploads: Database.Statement<[], { count: number }>;
  private readonly selectParts: Database.Statement<[UploadKey], PartRecord>;

  constructor(journal: JournalDatabase) {
    const { db } = journal;
    this.insertUpload = db.prepare<[UploadRecord]>(`
      INSERT INTO multipart_uploads (bucket, key, upload_id, initiated, checksum_algorithm, checksum_type, origin, created_seq, updated_seq, updated_at)
      VALUES (@bucket, @key, @uploadId, @initiated, @checksumAlgorithm, @checksumType, @origin, @createdSeq, @updatedSeq, @updatedAt)
      ON CONFLICT DO NOTHING`);
    this.touchUpload = db.prepare(`UPDATE multipart_uploads SET updated_seq = @updatedSeq, updated_at = @updatedAt WHERE ${UPLOAD_MATCH}`);
    this.deleteUpload = db.prepare(`DELETE FROM multipart_uploads WHERE ${UPLOAD_MATCH}`);
    this.upsertPart = db.prepare<[PartRecord]>(`
      INSERT INTO multipart_parts (bucket, key, upload_id, part_number, etag, size, checksum_algorithm, checksum_value, origin, seq, uploaded_at)
      VALUES (@bucket, @key, @uploadId, @partNumber, @etag, @size, @checksumAlgorithm, @checksumValue, @origin, @seq, @uploadedAt)
      ON CONFLICT (bucket, key, upload_id, part_number) DO UPDATE SET
        etag = excluded.etag, size = excluded.size, checksum_algorithm = excluded.checksum_algorithm,
        checksum_value = excluded.checksum_value, origin = excluded.origin, seq = excluded.seq, uploaded_at = excluded.uploaded_at`);
    this.deletePart = db.prepare(`DELETE FROM multipart_parts WHERE ${UPLOAD_MATCH} AND part_number = @partNumber`);
    this.deleteAllUploads = db.prepare<[]>('DELETE FROM multipart_uploads');
    this.selectUpload = db.prepare<[UploadKey], UploadRecord>(`SELECT ${UPLOAD_COLUMNS} FROM multipart_uploads WHERE ${UPLOAD_MATCH}`);
    this.selectUploads = db.prepare<[], UploadRecord>(`SELECT ${UPLOAD_COLUMNS} FROM multipart_uploads ORDER BY initiated, bucket, key, upload_id`);
    this.countUploads = db.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM multipart_uploads');
    this.selectParts = db.prepare<[UploadKey], PartRecord>(`SELECT ${PART_COLUMNS} FROM multipart_parts WHERE ${UPLOAD_MATCH} ORDER BY part_number`);
  }

  /** No-op when the upload is already recorded. */
  insertIfAbsent(record: UploadRecord): void {
    this.insertUpload.run(record);
  }

  touch(key: UploadKey, updatedSeq: number, updatedAt: string): void {
    this.touchUpload.run({ ...uploadIdentity(key), updatedSeq, updatedAt });
  }

  /** Its parts go with it (ON DELETE CASCADE). */
  delete(key: UploadKey): void {
    this.deleteUpload.run(uploadIdentity(key));
  }

  /** A part uploaded again replaces the earlier record. */
  putPart(record: PartRecord): void {
    this.upsertPart.run(record);
  }

  deletePartRecord(key: UploadKey, partNumber: number): void {
    this.deletePart.run({ ...uploadIdentity(key), partNumber });
  }

  deleteAll(): void {
    this.deleteAllUploads.run();
  }

  find(key: UploadKey): UploadRecord | undefined {
    return this.selectUpload.get(uploadIdentity(key));
  }

  /** Oldest first. */
  all(): UploadRecord[] {
    return this.selectUploads.all();
  }

  count(): number {
    return this.countUploads.get()?.count ?? 0;
  }

  parts(key: UploadKey): PartRecord[] {
    return this.selectParts.all(uploadIdentity(key));
  }
}
