import type { ListObjectsOutput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export interface ListObjectsV2Request {
  bucket: string;
  prefix: string;
  delimiter: string;
  continuationToken?: string;
  startAfter?: string;
  maxKeys: number;
  fetchOwner: boolean;
}

export interface ListObjectsV2Result extends ListObjectsOutput {
  nextContinuationToken?: string;
  /** The bucket owner's access key, when fetch-owner was asked for (objects belong to the bucket owner). */
  owner?: string;
}

export class ListObjectsV2Command extends s3Command<ListObjectsV2Request, ListObjectsV2Result>('ListObjectsV2') {}
