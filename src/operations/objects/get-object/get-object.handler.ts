import { backendHandler } from '../../backend-handler';
import { GetObjectCommand } from './get-object.command';

export const GetObjectHandler = backendHandler(GetObjectCommand, (backend, { input }) => backend.getObject(input));
