import type { CompleteMultipartUploadInput, CompleteMultipartUploadOutput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class CompleteMultipartUploadCommand extends s3Command<CompleteMultipartUploadInput, CompleteMultipartUploadOutput>('CompleteMultipartUpload') {}
