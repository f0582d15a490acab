import { backendHandler } from '../../backend-handler';
import { GetObjectLegalHoldCommand } from './get-object-legal-hold.command';

export const GetObjectLegalHoldHandler = backendHandler(GetObjectLegalHoldCommand, (backend, { input }) => backend.getObjectLegalHold(input));
