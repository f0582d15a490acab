import { backendHandler } from '../../backend-handler';
import { DeleteObjectCommand } from './delete-object.command';

export const DeleteObjectHandler = backendHandler(DeleteObjectCommand, (backend, { input }) => backend.deleteObject(input));
