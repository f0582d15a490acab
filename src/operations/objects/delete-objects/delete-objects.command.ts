import type { AccessRequest } from '../../../s3/access/access-request';
import { s3Command } from '../../s3-command';

/** One entry of a Multi-Object Delete document. */
export interface ObjectToDelete {
  key: string;
  /** Only `null` names a version here (no bucket is versioned); anything else fails for that key. */
  versionId?: string;
}

export interface DeleteObjectsInput {
  bucket: string;
  objects: ObjectToDelete[];
  /** Report only the keys that failed. */
  quiet: boolean;
  /** The request as the access check sees it: each key is checked as a DeleteObject of its own. */
  access: AccessRequest;
}

/** What happened to one key, in the order the document listed them. */
export type DeleteOutcome = ({ deleted: true } | { deleted: false; code: string; message: string }) & ObjectToDelete;

export interface DeleteObjectsOutput {
  outcomes: DeleteOutcome[];
  quiet: boolean;
}

export class DeleteObjectsCommand extends s3Command<DeleteObjectsInput, DeleteObjectsOutput>('DeleteObjects') {}
