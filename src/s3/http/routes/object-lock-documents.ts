import type { LegalHoldStatus, ObjectRetention } from '../../../backends/backend';
import { invalidArgument, S3Error } from '../../errors/s3-error';
import { parseRfc3339 } from '../headers/object-lock-headers';
import { isRecord } from '../xml/xml-body-reader';
import type { XmlObject } from '../xml/xml-writer';

/**
 * PutObjectRetention's Retention document: a Mode (GOVERNANCE or COMPLIANCE) and a RetainUntilDate
 * in the future, else MalformedXML (a past date: InvalidArgument, as AWS and VersityGW answer it).
 * An empty document (`<Retention/>`, or neither element) asks for the retention to be removed.
 */
export function readRetentionDocument(doc: Record<string, unknown> | undefined, now = new Date()): ObjectRetention | undefined {
  const root = doc?.Retention;
  if (root === '' || (isRecord(root) && root.Mode === undefined && root.RetainUntilDate === undefined)) return undefined;
  if (!isRecord(root)) throw new S3Error('MalformedXML');
  const { Mode: mode, RetainUntilDate: until } = root;
  if (mode !== 'GOVERNANCE' && mode !== 'COMPLIANCE') throw new S3Error('MalformedXML');
  const date = typeof until === 'string' ? parseRfc3339(until.trim()) : undefined;
  if (date === undefined) throw new S3Error('MalformedXML');
  if (date.getTime() <= now.getTime()) throw invalidArgument('The retain until date must be in the future!', 'RetainUntilDate', String(until));
  return { mode, retainUntilDate: date };
}

/** GetObjectRetention's answer. */
export function retentionXml(retention: ObjectRetention): XmlObject {
  return { Mode: retention.mode, RetainUntilDate: retention.retainUntilDate.toISOString() };
}

/** PutObjectLegalHold's LegalHold document: a Status of ON or OFF, else MalformedXML. */
export function readLegalHoldDocument(doc: Record<string, unknown> | undefined): LegalHoldStatus {
  const root = doc?.LegalHold;
  const status = isRecord(root) ? root.Status : undefined;
  if (status !== 'ON' && status !== 'OFF') throw new S3Error('MalformedXML');
  return status;
}
