import { accessHandler } from '../../access/access-handler';
import { DeleteBucketOwnershipControlsCommand } from './delete-bucket-ownership-controls.command';

export const DeleteBucketOwnershipControlsHandler = accessHandler(DeleteBucketOwnershipControlsCommand, (deps, command) => deps.change(command.input.bucket, { kind: 'ownership', value: undefined }, command));
