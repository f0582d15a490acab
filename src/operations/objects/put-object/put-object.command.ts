import type { PutObjectInput, PutObjectOutput } from '../../../backends/backend';
import type { WithAclRequest } from '../../access/new-object-acls';
import { s3Command } from '../../s3-command';

export class PutObjectCommand extends s3Command<PutObjectInput & WithAclRequest, PutObjectOutput>('PutObject') {}
