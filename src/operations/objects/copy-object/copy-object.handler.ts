import { newObjectHandler } from '../../access/new-object-handler';
import { CopyObjectCommand } from './copy-object.command';

/** The source's access was checked at admission, with the destination's. */
export const CopyObjectHandler = newObjectHandler(CopyObjectCommand, (backend, input) => backend.copyObject(input));
