import type { ListObjectVersionsInput, ListObjectVersionsOutput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export interface ListObjectVersionsResult extends ListObjectVersionsOutput {
  /** The bucket owner's access key: the owner of each version without one of its own. */
  owner: string;
}

export class ListObjectVersionsCommand extends s3Command<ListObjectVersionsInput, ListObjectVersionsResult>('ListObjectVersions') {}
