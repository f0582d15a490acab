import { backendHandler } from '../../backend-handler';
import { PutObjectLockConfigurationCommand } from './put-object-lock-configuration.command';

export const PutObjectLockConfigurationHandler = backendHandler(PutObjectLockConfigurationCommand, (backend, { input }) => backend.putObjectLockConfiguration(input));
