import type { ListPartsInput, ListPartsOutput } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class ListPartsCommand extends s3Command<ListPartsInput, ListPartsOutput>('ListParts') {}
