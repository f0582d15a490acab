import type { PartOutput, UploadPartInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class UploadPartCommand extends s3Command<UploadPartInput, PartOutput>('UploadPart') {}
