import type { ObjectInfo, ObjectPart, VersionedObjectInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export interface GetObjectAttributesInput extends VersionedObjectInput {
  /** x-amz-max-parts: parts per page of ObjectParts (1,000 at most). */
  maxParts: number;
  /** x-amz-part-number-marker: the page starts after this part. */
  partNumberMarker: number;
}

/** One page of an object's parts, as ObjectParts shows it. */
export interface ObjectPartsPage {
  totalPartsCount: number;
  parts: ObjectPart[];
  isTruncated: boolean;
  /** The last part of the page, where the next starts after. */
  nextPartNumberMarker?: number;
}

export interface GetObjectAttributesResult {
  info: ObjectInfo;
  /** Absent for an object stored whole: AWS shows ObjectParts only for multipart objects. */
  parts?: ObjectPartsPage;
}

export class GetObjectAttributesCommand extends s3Command<GetObjectAttributesInput, GetObjectAttributesResult>('GetObjectAttributes') {}
