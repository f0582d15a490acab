import type { Backend, HeadObjectInput } from '../../../backends/backend';
import { objectReadHandler } from '../object-reads';
import { readPart } from '../object-part/part-read';
import { HeadObjectCommand } from './head-object.command';

const headObject = (backend: Backend, input: HeadObjectInput) => backend.headObject(input);

/** With partNumber, the part is described as a byte range. */
export const HeadObjectHandler = objectReadHandler(HeadObjectCommand, (backend, input: HeadObjectCommand['input']) =>
  input.partNumber === undefined ? backend.headObject(input) : readPart(backend, input, input.partNumber, headObject),
);
