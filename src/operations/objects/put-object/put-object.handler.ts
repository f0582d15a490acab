import { newObjectHandler } from '../../access/new-object-handler';
import { PutObjectCommand } from './put-object.command';

export const PutObjectHandler = newObjectHandler(PutObjectCommand, (backend, input) => backend.putObject(input));
