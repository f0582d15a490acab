import type { CopyObjectInput, CopyObjectOutput } from '../../../backends/backend';
import type { WithAclRequest } from '../../access/new-object-acls';
import { s3Command } from '../../s3-command';

export class CopyObjectCommand extends s3Command<CopyObjectInput & WithAclRequest, CopyObjectOutput>('CopyObject') {}
