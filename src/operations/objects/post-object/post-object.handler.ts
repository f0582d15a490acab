import { newObjectHandler } from '../../access/new-object-handler';
import { PostObjectCommand } from './post-object.command';

export const PostObjectHandler = newObjectHandler(PostObjectCommand, (backend, input) => backend.putObject(input));
