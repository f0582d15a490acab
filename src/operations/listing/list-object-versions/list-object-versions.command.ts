import type { ListObjectVersionsInput, ListObjectVersionsOutput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class ListObjectVersionsCommand extends s3Command<ListObjectVersionsInput, ListObjectVersionsOutput>('ListObjectVersions') {}
