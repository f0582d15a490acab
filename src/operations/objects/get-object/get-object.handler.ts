import type { Backend, GetObjectInput } from '../../../backends/backend';
import { objectReadHandler } from '../object-reads';
import { readPart } from '../object-part/part-read';
import { GetObjectCommand } from './get-object.command';

const getObject = (backend: Backend, input: GetObjectInput) => backend.getObject(input);

/** With partNumber, the part is read as a byte range. */
export const GetObjectHandler = objectReadHandler(GetObjectCommand, (backend, input: GetObjectCommand['input']) =>
  input.partNumber === undefined ? backend.getObject(input) : readPart(backend, input, input.partNumber, getObject),
);
