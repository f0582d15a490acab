import { accessHandler } from '../../access/access-handler';
import { PutPublicAccessBlockCommand } from './put-public-access-block.command';

export const PutPublicAccessBlockHandler = accessHandler(PutPublicAccessBlockCommand, (deps, command) => deps.change(command.input.bucket, { kind: 'publicAccessBlock', value: command.input.block }, command));
