import type { ListMultipartUploadsInput, ListMultipartUploadsOutput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class ListMultipartUploadsCommand extends s3Command<ListMultipartUploadsInput, ListMultipartUploadsOutput>('ListMultipartUploads') {}
