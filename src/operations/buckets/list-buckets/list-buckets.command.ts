import type { BucketInfo } from '../../../backends/backend';
import { s3Command } from '../../s3-command';

export class ListBucketsCommand extends s3Command<Record<string, never>, BucketInfo[]>('ListBuckets') {}
