import type { ObjectLockConfiguration } from '../../../backends/backend';
import { invalidArgument, S3Error } from '../../errors/s3-error';
import { isRecord } from '../xml/xml-body-reader';
import type { XmlObject } from '../xml/xml-writer';

/** AWS's bounds of a default retention: 100 years, or as many days. */
const MAX_DAYS = 36500;
const MAX_YEARS = 100;

function period(value: unknown, name: 'Days' | 'Years', max: number): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^-?\d+$/.test(text)) throw new S3Error('MalformedXML');
  const n = Number(text);
  if (n <= 0) throw invalidArgument('Default retention period must be a positive integer value.', name, text);
  if (n > max) throw invalidArgument('Default retention period is too large.', name, text);
  return n;
}

/**
 * The ObjectLockConfiguration document of PutObjectLockConfiguration, as VersityGW's
 * auth.ParseBucketLockConfigurationInput and AWS judge it: ObjectLockEnabled must be Enabled; a
 * default retention has a mode (GOVERNANCE or COMPLIANCE) and exactly one of Days and Years,
 * positive and at most 100 years; anything else is MalformedXML.
 */
export function readObjectLockConfiguration(doc: Record<string, unknown> | undefined): ObjectLockConfiguration {
  const root = doc?.ObjectLockConfiguration;
  if (!isRecord(root) || root.ObjectLockEnabled !== 'Enabled') throw new S3Error('MalformedXML');
  if (root.Rule === undefined) return { enabled: true };
  const retention = isRecord(root.Rule) ? root.Rule.DefaultRetention : undefined;
  if (!isRecord(retention)) throw new S3Error('MalformedXML');
  const { Mode: mode } = retention;
  if (mode !== 'GOVERNANCE' && mode !== 'COMPLIANCE') throw new S3Error('MalformedXML');
  const days = period(retention.Days, 'Days', MAX_DAYS);
  const years = period(retention.Years, 'Years', MAX_YEARS);
  if ((days === undefined) === (years === undefined)) throw new S3Error('MalformedXML');
  return { enabled: true, defaultRetention: { mode, ...(days === undefined ? {} : { days }), ...(years === undefined ? {} : { years }) } };
}

/** The configuration as GetObjectLockConfiguration answers it. */
export function objectLockConfigurationXml(config: ObjectLockConfiguration): XmlObject {
  const retention = config.defaultRetention;
  return {
    ...(config.enabled ? { ObjectLockEnabled: 'Enabled' } : {}),
    ...(retention === undefined
      ? {}
      : { Rule: { DefaultRetention: { Mode: retention.mode, ...(retention.days === undefined ? {} : { Days: retention.days }), ...(retention.years === undefined ? {} : { Years: retention.years }) } } }),
  };
}
