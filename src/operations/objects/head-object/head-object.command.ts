import type { HeadObjectInput, HeadObjectOutput } from '../../../backends/backend';
import type { PartNumberInput, PartsCountOutput } from '../object-part/part-read';
import { s3Command } from '../../s3-command';

export class HeadObjectCommand extends s3Command<HeadObjectInput & PartNumberInput, HeadObjectOutput & PartsCountOutput>('HeadObject') {}
