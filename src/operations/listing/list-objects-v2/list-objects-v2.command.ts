import type { ListObjectsV2Input, ListObjectsV2Output } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export type ListObjectsV2Request = ListObjectsV2Input;
export type ListObjectsV2Result = ListObjectsV2Output;

export class ListObjectsV2Command extends s3Command<ListObjectsV2Request, ListObjectsV2Result>('ListObjectsV2') {}
