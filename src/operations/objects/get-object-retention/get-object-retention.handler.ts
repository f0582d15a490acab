import { backendHandler } from '../../backend-handler';
import { GetObjectRetentionCommand } from './get-object-retention.command';

export const GetObjectRetentionHandler = backendHandler(GetObjectRetentionCommand, (backend, { input }) => backend.getObjectRetention(input));
