import type { AccessControlList, ObjectInput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class GetObjectAclCommand extends s3Command<ObjectInput, AccessControlList>('GetObjectAcl') {}
