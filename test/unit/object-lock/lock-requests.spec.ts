import { readObjectLockHeaders } from '../../../src/s3/http/headers/object-lock-headers';
import { readLegalHoldDocument, readRetentionDocument } from '../../../src/s3/http/routes/object-lock-documents';
import { parseXml } from '../../../src/s3/http/xml/xml-body-reader';
import { S3Error } from '../../../src/s3/errors/s3-error';

const NOW = new Date('2026-06-15T12:00:00.000Z');
const FUTURE = '2026-06-16T12:00:00Z';
const PAST = '2026-06-14T12:00:00Z';

const codeOr = (run: () => unknown): string => {
  try {
    return JSON.stringify(run()) ?? 'undefined';
  } catch (err) {
    return S3Error.is(err) ? err.code : String(err);
  }
};

describe('x-amz-object-lock-* headers of a write', () => {
  it.each<[string, Record<string, string>, string]>([
    ['none', {}, 'undefined'],
    ['mode and date', { 'x-amz-object-lock-mode': 'GOVERNANCE', 'x-amz-object-lock-retain-until-date': FUTURE }, JSON.stringify({ retention: { mode: 'GOVERNANCE', retainUntilDate: new Date(FUTURE) } })],
    ['a legal hold alone', { 'x-amz-object-lock-legal-hold': 'ON' }, '{"legalHold":"ON"}'],
    ['a mode without a date', { 'x-amz-object-lock-mode': 'COMPLIANCE' }, 'InvalidArgument'],
    ['a date without a mode', { 'x-amz-object-lock-retain-until-date': FUTURE }, 'InvalidArgument'],
    ['an unknown mode', { 'x-amz-object-lock-mode': 'STRICT', 'x-amz-object-lock-retain-until-date': FUTURE }, 'InvalidArgument'],
    ['a past date', { 'x-amz-object-lock-mode': 'GOVERNANCE', 'x-amz-object-lock-retain-until-date': PAST }, 'InvalidArgument'],
    ['a date without a zone', { 'x-amz-object-lock-mode': 'GOVERNANCE', 'x-amz-object-lock-retain-until-date': '2026-06-16T12:00:00' }, 'InvalidArgument'],
    ['a lower-case status', { 'x-amz-object-lock-legal-hold': 'on' }, 'InvalidArgument'],
  ])('%s', (_name, headers, expected) => {
    expect(codeOr(() => readObjectLockHeaders(headers, NOW))).toBe(expected);
  });
});

describe('the Retention and LegalHold documents', () => {
  const retention = (xml: string) => codeOr(() => readRetentionDocument(parseXml(xml), NOW));
  it.each<[string, string, string]>([
    ['a mode and a future date', `<Retention><Mode>COMPLIANCE</Mode><RetainUntilDate>${FUTURE}</RetainUntilDate></Retention>`, JSON.stringify({ mode: 'COMPLIANCE', retainUntilDate: new Date(FUTURE) })],
    ['an empty document: remove', '<Retention xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>', 'undefined'],
    ['an unknown mode', `<Retention><Mode>STRICT</Mode><RetainUntilDate>${FUTURE}</RetainUntilDate></Retention>`, 'MalformedXML'],
    ['a mode without a date', '<Retention><Mode>GOVERNANCE</Mode></Retention>', 'MalformedXML'],
    ['a date that is none', '<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>soon</RetainUntilDate></Retention>', 'MalformedXML'],
    ['a past date', `<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>${PAST}</RetainUntilDate></Retention>`, 'InvalidArgument'],
    ['another root', `<Other><Mode>GOVERNANCE</Mode><RetainUntilDate>${FUTURE}</RetainUntilDate></Other>`, 'MalformedXML'],
  ])('Retention: %s', (_name, xml, expected) => {
    expect(retention(xml)).toBe(expected);
  });

  it.each<[string, string]>([
    ['<LegalHold><Status>ON</Status></LegalHold>', '"ON"'],
    ['<LegalHold xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>OFF</Status></LegalHold>', '"OFF"'],
    ['<LegalHold><Status>on</Status></LegalHold>', 'MalformedXML'],
    ['<LegalHold/>', 'MalformedXML'],
    ['<Hold><Status>ON</Status></Hold>', 'MalformedXML'],
  ])('LegalHold %s', (xml, expected) => {
    expect(codeOr(() => readLegalHoldDocument(parseXml(xml)))).toBe(expected);
  });
});
