import type { CreateMultipartUploadInput, CreateMultipartUploadOutput } from '../../../backends/backend';
import type { WithAclRequest } from '../../access/new-object-acls';
import { s3Command } from '../../s3-command';

export class CreateMultipartUploadCommand extends s3Command<CreateMultipartUploadInput & WithAclRequest, CreateMultipartUploadOutput>('CreateMultipartUpload') {}
