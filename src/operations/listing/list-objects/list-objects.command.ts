import type { ListObjectsInput, ListObjectsOutput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class ListObjectsCommand extends s3Command<ListObjectsInput, ListObjectsOutput>('ListObjects') {}
