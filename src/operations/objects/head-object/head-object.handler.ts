import { backendHandler } from '../../backend-handler';
import { HeadObjectCommand } from './head-object.command';

export const HeadObjectHandler = backendHandler(HeadObjectCommand, (backend, { input }) => backend.headObject(input));
