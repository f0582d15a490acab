import type { ListObjectsOutput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export interface ListObjectVersionsRequest {
  bucket: string;
  prefix: string;
  delimiter: string;
  keyMarker: string;
  versionIdMarker?: string;
  maxKeys: number;
}

export class ListObjectVersionsCommand extends s3Command<ListObjectVersionsRequest, ListObjectsOutput>('ListObjectVersions') {}
