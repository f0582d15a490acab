import type { UploadInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class AbortMultipartUploadCommand extends s3Command<UploadInput, void>('AbortMultipartUpload') {}
