import type { PutObjectInput, PutObjectOutput } from '../../../backends/backend';
import type { WithAclRequest } from '../../access/new-object-acls';
import { s3Command } from '../../s3-command';

/** A browser upload (POST Object): written as a PutObject is, under its own name in spans and the journal. */
export class PostObjectCommand extends s3Command<PutObjectInput & WithAclRequest, PutObjectOutput>('PostObject') {}
