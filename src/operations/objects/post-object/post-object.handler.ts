import { backendHandler } from '../../backend-handler';
import { PostObjectCommand } from './post-object.command';

export const PostObjectHandler = backendHandler(PostObjectCommand, (backend, command) => backend.putObject(command.tracedInput()));
