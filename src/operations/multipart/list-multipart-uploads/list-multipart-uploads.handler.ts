import { backendHandler } from '../../backend-handler';
import { ListMultipartUploadsCommand } from './list-multipart-uploads.command';

/** From the storage, not the journal: uploads made through any gateway sharing it are listed. */
export const ListMultipartUploadsHandler = backendHandler(ListMultipartUploadsCommand, (backend, { input }) => backend.listMultipartUploads(input));
