import { readVersioningDocument } from '../../../src/s3/http/routes/put-bucket-versioning.route';
import { parseXml } from '../../../src/s3/http/xml/xml-body-reader';
import { S3Error } from '../../../src/s3/errors/s3-error';

const codeOf = (xml: string | undefined): string => {
  try {
    return readVersioningDocument(xml === undefined ? undefined : parseXml(xml));
  } catch (err) {
    return S3Error.is(err) ? err.code : String(err);
  }
};

describe('the VersioningConfiguration document', () => {
  it('takes Enabled and Suspended, with MFADelete Disabled or absent', () => {
    expect(codeOf('<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>')).toBe('Enabled');
    expect(codeOf('<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>Suspended</Status><MfaDelete>Disabled</MfaDelete></VersioningConfiguration>')).toBe('Suspended');
  });

  it('answers as AWS does otherwise', () => {
    expect(codeOf(undefined)).toBe('MalformedXML');
    expect(codeOf('<Other><Status>Enabled</Status></Other>')).toBe('MalformedXML');
    expect(codeOf('<VersioningConfiguration><Status>enabled</Status></VersioningConfiguration>')).toBe('MalformedXML');
    expect(codeOf('<VersioningConfiguration></VersioningConfiguration>')).toBe('IllegalVersioningConfigurationException');
    expect(codeOf('<VersioningConfiguration><MfaDelete>Disabled</MfaDelete></VersioningConfiguration>')).toBe('IllegalVersioningConfigurationException');
    expect(codeOf('<VersioningConfiguration><Status>Enabled</Status><MfaDelete>Enabled</MfaDelete></VersioningConfiguration>')).toBe('NotImplemented');
  });
});
