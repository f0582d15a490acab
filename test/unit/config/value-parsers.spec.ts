import {
  parseBoolean,
  parseDecimal,
  parseHeaders,
  parseListenAddress,
  parseOctalMode,
} from '../../../src/config/value-parsers';

describe('parseListenAddress', () => {
  it.each([
    [':7070', { host: undefined, port: 7070 }],
    ['127.0.0.1:8080', { host: '127.0.0.1', port: 8080 }],
    ['localhost:1', { host: 'localhost', port: 1 }],
    ['gw-1.example.com:65535', { host: 'gw-1.example.com', port: 65535 }],
    ['[::1]:7070', { host: '::1', port: 7070 }],
    ['[::]:9000', { host: '::', port: 9000 }],
    ['[fe80::1%eth0]:9000', { host: 'fe80::1%eth0', port: 9000 }],
  ])('reads %s', (text, value) => expect(parseListenAddress(text)).toEqual({ ok: true, value }));

  it.each([
    ['7070', 'must be <host>:<port>, :<port> or [<ipv6>]:<port>'],
    ['localhost', 'must be <host>:<port>, :<port> or [<ipv6>]:<port>'],
    [':http', 'must be <host>:<port>, :<port> or [<ipv6>]:<port> (port is not a number)'],
    [':', 'must be <host>:<port>, :<port> or [<ipv6>]:<port> (port is not a number)'],
    [':0', 'port must be between 1 and 65535'],
    [':65536', 'port must be between 1 and 65535'],
    ['::1:7070', 'must be <host>:<port>, :<port> or [<ipv6>]:<port> (write IPv6 addresses in brackets)'],
    ['[1.2.3.4]:80', '"1.2.3.4" is not an IPv6 address'],
    ['bad_host:80', '"bad_host" is not a host name or IP address'],
  ])('rejects %s', (text, reason) => {
    expect(parseListenAddress(text)).toEqual({ ok: false, reason });
  });
});

describe('parseBoolean', () => {
  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['0', false],
  ])('reads %s', (text, value) => expect(parseBoolean(text)).toEqual({ ok: true, value }));

  it.each(['yes', 'on', '', '2', 'ture'])('rejects %j', (text) =>
    expect(parseBoolean(text)).toEqual({ ok: false, reason: 'must be true, false, 1 or 0' }),
  );
});

describe('parseDecimal', () => {
  it.each([
    ['1.0', 1],
    ['0.25', 0.25],
    ['.5', 0.5],
    ['1e-2', 0.01],
  ])('reads %s', (text, value) => expect(parseDecimal(text)).toEqual({ ok: true, value }));

  it.each(['', 'abc', '0x1', 'Infinity', '1.0.0'])('rejects %j', (text) => expect(parseDecimal(text).ok).toBe(false));
});

describe('parseHeaders', () => {
  it('reads name=value pairs, trims them and decodes %-escapes', () => {
    expect(parseHeaders('x-honeycomb-team=abc, Authorization=Basic%20dXNlcg%3D%3D,')).toEqual({
      ok: true,
      value: { 'x-honeycomb-team': 'abc', Authorization: 'Basic dXNlcg==' },
    });
  });

  it('keeps "=" inside a value', () => {
    expect(parseHeaders('k=a=b')).toEqual({ ok: true, value: { k: 'a=b' } });
  });

  it.each([
    ['novalue', '"novalue" is not name=value'],
    ['=v', '"" is not a valid header name'],
    ['bad name=v', '"bad name" is not a valid header name'],
    ['k=%zz', 'the value of "k" has a bad %-escape'],
  ])('rejects %j', (text, reason) => expect(parseHeaders(text)).toEqual({ ok: false, reason }));
});

describe('parseOctalMode', () => {
  it.each([
    ['0755', 0o755],
    ['755', 0o755],
    ['0o700', 0o700],
    ['2775', 0o2775],
  ])('reads %s as octal', (text, value) => expect(parseOctalMode(text)).toEqual({ ok: true, value }));

  it.each(['', '888', 'rwx', '07777777', '-1'])('rejects %j', (text) =>
    expect(parseOctalMode(text)).toEqual({ ok: false, reason: 'must be an octal mode such as 0755' }),
  );
});
