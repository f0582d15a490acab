import { backendHandler } from '../../backend-handler';
import { ListPartsCommand } from './list-parts.command';

/** From the storage, not the journal: parts sent through any gateway sharing it are listed. */
export const ListPartsHandler = backendHandler(ListPartsCommand, (backend, { input }) => backend.listParts(input));
