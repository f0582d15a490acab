import type { CreateMultipartUploadInput, CreateMultipartUploadOutput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class CreateMultipartUploadCommand extends s3Command<CreateMultipartUploadInput, CreateMultipartUploadOutput>('CreateMultipartUpload') {}
