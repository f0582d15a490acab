import { accessHandler } from '../../access/access-handler';
import { DeletePublicAccessBlockCommand } from './delete-public-access-block.command';

export const DeletePublicAccessBlockHandler = accessHandler(DeletePublicAccessBlockCommand, (deps, command) => deps.change(command.input.bucket, { kind: 'publicAccessBlock', value: undefined }, command));
