import { backendHandler } from '../../backend-handler';
import { ListObjectsV2Command } from './list-objects-v2.command';

export const ListObjectsV2Handler = backendHandler(ListObjectsV2Command, (backend, { input }) => backend.listObjectsV2(input));
