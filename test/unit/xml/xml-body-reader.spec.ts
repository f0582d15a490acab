import { parseXml } from '../../../src/s3/http/xml/xml-body-reader';
import { S3Error } from '../../../src/s3/errors/s3-error';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return S3Error.is(err) ? err.code : String(err);
  }
  return undefined;
};

describe('request documents (parseXml)', () => {
  it('decodes the five entities and character references once, leaving CDATA as it is', () => {
    const doc = parseXml(
      '<Delete><Object><Key>&lt;&#60;&#x3C;&amp;&quot;&apos;</Key></Object><Object><Key>x&amp;#34;y</Key></Object><Object><Key><![CDATA[a&b <c>]]></Key></Object></Delete>',
    );
    // `&amp;#34;` is the text "&#34;": decoding it again would change the key.
    expect(doc).toEqual({ Delete: { Object: [{ Key: '<<<&"\'' }, { Key: 'x&#34;y' }, { Key: 'a&b <c>' }] } });
  });

  it.each([
    ['an HTML entity', '<a>&copy;</a>'],
    ['an unknown entity', '<a>&bogus;</a>'],
    ['a bare ampersand', '<a>fish & chips</a>'],
    ['a reference to NUL', '<a>&#0;</a>'],
    ['a reference to a surrogate', '<a>&#xD800;</a>'],
    ['a reference past Unicode', '<a>&#1114112;</a>'],
    ['unclosed tags', '<a><b></a>'],
    ['a DOCTYPE declaring an entity', '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "boom">]><a>&x;</a>'],
    ['a DOCTYPE naming an external DTD', '<?xml version="1.0"?><!DOCTYPE Delete SYSTEM "http://127.0.0.1:1/evil.dtd"><Delete><Quiet>true</Quiet></Delete>'],
    ['an empty DOCTYPE', '<!DOCTYPE Delete><Delete><Quiet>true</Quiet></Delete>'],
    ['a DOCTYPE spelt in lower case', '<!doctype Delete><Delete><Quiet>true</Quiet></Delete>'],
  ])('answers MalformedXML for %s', (_label, xml) => {
    expect(codeOf(() => parseXml(xml))).toBe('MalformedXML');
  });
});
