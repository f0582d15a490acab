import type { ListObjectsInput, ListObjectsOutput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export interface ListObjectsResult extends ListObjectsOutput {
  /** The bucket owner's access key: V1 always names an owner, and objects belong to the bucket owner. */
  owner: string;
}

export class ListObjectsCommand extends s3Command<ListObjectsInput, ListObjectsResult>('ListObjects') {}
