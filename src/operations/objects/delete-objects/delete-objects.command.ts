import type { ObjectToDelete } from '../../../backends/backend';
import type { AccessRequest } from '../../../s3/access/access-request';
import { s3Command } from '../../s3-command';

export type { ObjectToDelete } from '../../../backends/backend';

export interface DeleteObjectsInput {
  bucket: string;
  objects: ObjectToDelete[];
  /** Report only the keys that failed. */
  quiet: boolean;
  /** The request as the access check sees it: each key is checked as a DeleteObject of its own. */
  access: AccessRequest;
  /** x-amz-bypass-governance-retention: true was sent: honoured, key by key, where the caller may bypass. */
  bypassRequested: boolean;
}

/** What happened to one key, in the order the document listed them. */
export type DeleteOutcome = ({ deleted: true; deleteMarker?: true; deleteMarkerVersionId?: string } | { deleted: false; code: string; message: string }) & ObjectToDelete;

export interface DeleteObjectsOutput {
  outcomes: DeleteOutcome[];
  quiet: boolean;
}

export class DeleteObjectsCommand extends s3Command<DeleteObjectsInput, DeleteObjectsOutput>('DeleteObjects') {}
