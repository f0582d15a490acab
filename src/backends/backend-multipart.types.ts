import type { AccessControlList } from './backend-access.types';
import type { ObjectLock } from './backend-lock.types';
import type { Readable } from 'node:stream';
import type { BucketInput, ChecksumAlgorithmName, ChecksumType, ChecksumValue, ObjectInput, ObjectMetadata, ReadConditions, VersionedObjectInput, WriteConditions } from './backend.types';

// The multipart half of the Backend port's types: uploads, their parts, and what start-up recovery finds.

/** What CreateMultipartUpload asked the final object's checksum to be. */
export interface UploadChecksumSpec {
  algorithm: ChecksumAlgorithmName;
  type: ChecksumType;
}

/** One multipart upload, as every request after CreateMultipartUpload names it. */
export interface UploadInput extends ObjectInput {
  uploadId: string;
}

export interface CreateMultipartUploadInput extends ObjectInput {
  /** Kept for the final object. */
  metadata: ObjectMetadata;
  /** Tags for the final object (x-amz-tagging, already parsed). */
  tagging?: Record<string, string>;
  checksum?: UploadChecksumSpec;
  /** The final object's own ACL, when the request gave one. */
  acl?: AccessControlList;
  /** x-amz-object-lock-* for the final object, kept with the upload until it completes. */
  lock?: ObjectLock;
}

export interface CreateMultipartUploadOutput {
  uploadId: string;
  initiated: Date;
}

export interface UploadPartInput extends UploadInput {
  /** 1..10000. */
  partNumber: number;
  body: Readable;
  contentLength: number;
  contentMd5?: Buffer;
  /** The part's x-amz-checksum-*. */
  checksum?: DeclaredChecksum;
}

/**
 * A checksum the client sends with a body. Its algorithm is declared before the body (an
 * x-amz-checksum-* header, or x-amz-trailer); its value, verified against the data by the auth
 * layer, is known once the body has been read whole, since a trailer comes after the data.
 */
export interface DeclaredChecksum {
  algorithm: ChecksumAlgorithmName;
  value(): string | undefined;
}

export interface PartOutput {
  /** Hex MD5 of the part, without quotes. */
  etag: string;
  size: number;
  lastModified: Date;
  /** Present when the upload has a checksum algorithm. */
  checksum?: ChecksumValue;
  /** UploadPartCopy's x-amz-copy-source-version-id: the version copied, when the source has an id. */
  sourceVersionId?: string;
}

/** x-amz-copy-source-if-* of UploadPartCopy, already parsed: GET's conditions, but each failure is 412. */
export type CopySourceConditions = ReadConditions;

export interface UploadPartCopyInput extends UploadInput {
  partNumber: number;
  source: VersionedObjectInput;
  /** x-amz-copy-source-range: inclusive byte offsets; the whole source when absent. */
  range?: { start: number; end: number };
  conditions: CopySourceConditions;
}

export interface CompletedPart {
  partNumber: number;
  /** As the client sent it, quotes removed. */
  etag: string;
  /** The part's checksum as listed in the request, when any. */
  checksum?: ChecksumValue;
}

export interface CompleteMultipartUploadInput extends UploadInput {
  /** In ascending part-number order, without duplicates (the operation checks before calling). */
  parts: CompletedPart[];
  /** x-amz-checksum-<alg> of the whole object, when the client sent one: BadDigest when it differs. */
  checksum?: ChecksumValue;
  /** x-amz-checksum-type: must match the upload's. */
  checksumType?: ChecksumType;
  /** x-amz-mp-object-size: the total the client expects. */
  objectSize?: number;
  writeConditions?: WriteConditions;
}

export interface CompleteMultipartUploadOutput {
  /** `<hex md5 of the parts' md5s>-<parts>`, without quotes. */
  etag: string;
  size: number;
  checksum?: ChecksumValue & { type: ChecksumType };
  /** The new version's id, in a bucket with versioning enabled. */
  versionId?: string;
}

export interface ListMultipartUploadsInput extends BucketInput {
  prefix: string;
  delimiter: string;
  keyMarker: string;
  /** Only meaningful with keyMarker: uploads of that very key after this id are listed. */
  uploadIdMarker: string;
  /** 0..1000. */
  maxUploads: number;
  /** Read each upload's own owner (MultipartUploadSummary.owner): not under BucketOwnerEnforced. */
  fetchOwner?: boolean;
}

export interface MultipartUploadSummary {
  key: string;
  uploadId: string;
  initiated: Date;
  checksum?: UploadChecksumSpec;
  /**
   * The account the upload's own ACL names (its creator, when not the bucket owner), when asked
   * for (fetchOwner) and it has one: its Owner and Initiator. None: the bucket owner's.
   */
  owner?: string;
}

export interface ListMultipartUploadsOutput {
  /** Access key of the bucket's owner: Owner and Initiator of every upload without an owner of its own. */
  owner: string;
  uploads: MultipartUploadSummary[];
  commonPrefixes: string[];
  isTruncated: boolean;
  nextKeyMarker?: string;
  nextUploadIdMarker?: string;
}

export interface ListPartsInput extends UploadInput {
  /** Parts numbered up to and including this one are skipped. */
  partNumberMarker: number;
  /** 0..1000. */
  maxParts: number;
  /** Read the upload's own owner (ListPartsOutput.uploadOwner): not under BucketOwnerEnforced. */
  fetchOwner?: boolean;
}

export interface PartSummary extends PartOutput {
  partNumber: number;
}

export interface ListPartsOutput {
  /** The bucket owner's access key. */
  owner: string;
  /** As MultipartUploadSummary.owner: the upload's Owner and Initiator when it has one of its own. */
  uploadOwner?: string;
  parts: PartSummary[];
  isTruncated: boolean;
  nextPartNumberMarker?: number;
  checksum?: UploadChecksumSpec;
}

/** An upload as the storage holds it, for start-up reconciliation and the abandoned-upload sweep. */
export interface StoredUpload {
  bucket: string;
  key: string;
  uploadId: string;
  initiated: Date;
  checksum?: UploadChecksumSpec;
  /** Present when asked for: every part file, in part-number order. */
  parts?: PartSummary[];
}

/** What start-up recovery found and settled in the storage's multipart area. */
export interface MultipartStorageRecovery {
  completions: InterruptedCompletion[];
  /** Uploads whose creation a crash interrupted (never answered to a client), removed. */
  removedUnfinished: string[];
  /** Entries of the multipart area that belong to no upload, left in place for an operator to look at. */
  stray: string[];
}

/** A CompleteMultipartUpload interrupted between its last steps, as recovery found and settled it. */
export interface InterruptedCompletion extends UploadInput {
  /**
   * `finished`: the object was already in place (the crash came after the rename), so the upload
   * counts as completed and its parts may go; `rolled-back`: it was not, the upload stays in flight.
   */
  outcome: 'finished' | 'rolled-back';
  etag: string;
  size: number;
  partCount: number;
}
