import type { GetObjectInput, GetObjectOutput } from '../../../backends/backend';
import type { PartNumberInput, PartsCountOutput } from '../object-part/part-read';
import { s3Command } from '../../s3-command';

export class GetObjectCommand extends s3Command<GetObjectInput & PartNumberInput, GetObjectOutput & PartsCountOutput>('GetObject') {}
