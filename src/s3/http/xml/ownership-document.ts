import { isObjectOwnership, type ObjectOwnership } from '../../../backends/backend';
import { S3Error } from '../../errors/s3-error';
import { isRecord, listOf } from './xml-body-reader';
import type { XmlObject } from './xml-writer';

/** `<OwnershipControls><Rule><ObjectOwnership>…</ObjectOwnership></Rule></OwnershipControls>`: exactly one rule, a known value. */
export function readOwnershipControls(doc: Record<string, unknown> | undefined): ObjectOwnership {
  const root = doc?.OwnershipControls;
  const rules = isRecord(root) ? listOf(root.Rule) : [];
  const value = rules.length === 1 && isRecord(rules[0]) ? rules[0].ObjectOwnership : undefined;
  if (typeof value !== 'string' || !isObjectOwnership(value)) throw new S3Error('MalformedXML');
  return value;
}

export function ownershipControlsDocument(ownership: ObjectOwnership): XmlObject {
  return { Rule: { ObjectOwnership: ownership } };
}
