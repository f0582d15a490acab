import { backendHandler } from '../../backend-handler';
import { GetObjectLockConfigurationCommand } from './get-object-lock-configuration.command';

export const GetObjectLockConfigurationHandler = backendHandler(GetObjectLockConfigurationCommand, (backend, { input }) => backend.getObjectLockConfiguration(input));
