import type { PartOutput, UploadPartCopyInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class UploadPartCopyCommand extends s3Command<UploadPartCopyInput, PartOutput>('UploadPartCopy') {}
