import { backendHandler } from '../../backend-handler';
import { PutObjectCommand } from './put-object.command';

export const PutObjectHandler = backendHandler(PutObjectCommand, (backend, command) => backend.putObject(command.tracedInput()));
