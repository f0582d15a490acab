import type { PublicAccessBlock } from '../../../backends/backend';
import { S3Error } from '../../errors/s3-error';
import { isRecord } from './xml-body-reader';
import type { XmlObject } from './xml-writer';

const FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

/** PutPublicAccessBlock's document: each flag `true` or `false`, a missing one false, as AWS reads it. */
export function readPublicAccessBlock(doc: Record<string, unknown> | undefined): PublicAccessBlock {
  const root = doc?.PublicAccessBlockConfiguration;
  if (root !== '' && !isRecord(root)) throw new S3Error('MalformedXML');
  const block = {} as PublicAccessBlock;
  for (const flag of FLAGS) {
    const value = isRecord(root) ? root[flag] : undefined;
    if (value !== undefined && value !== 'true' && value !== 'false') throw new S3Error('MalformedXML');
    block[flag] = value === 'true';
  }
  return block;
}

export function publicAccessBlockDocument(block: PublicAccessBlock): XmlObject {
  return Object.fromEntries(FLAGS.map((flag) => [flag, block[flag]]));
}
