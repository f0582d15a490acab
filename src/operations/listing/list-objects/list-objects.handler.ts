import { backendHandler } from '../../backend-handler';
import { ListObjectsCommand } from './list-objects.command';

export const ListObjectsHandler = backendHandler(ListObjectsCommand, (backend, { input }) => backend.listObjects(input));
