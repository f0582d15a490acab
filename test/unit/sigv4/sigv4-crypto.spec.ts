import { createHmac, randomBytes } from 'node:crypto';
import { deriveSigningKey, signHex, signaturesEqual } from '../../../src/s3/auth/sigv4-crypto';

describe('signHex: HMAC-SHA256 over a signing key’s cached pads', () => {
  const hmacHex = (key: Buffer, message: string): string => createHmac('sha256', key).update(message, 'utf8').digest('hex');

  it('equals node:crypto’s HMAC for derived keys, any message, and again with the same key', () => {
    const key = deriveSigningKey('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '20261202', 'us-east-1');
    for (const message of ['', 'AWS4-HMAC-SHA256\n20261202T000000Z\nscope\nabc', 'Grüße € 𝄞', 'x'.repeat(5000)]) {
      expect(signHex(key, message)).toBe(hmacHex(key, message));
      expect(signHex(key, message)).toBe(hmacHex(key, message));
    }
  });

  it('equals it for keys of every length up to a block and beyond', () => {
    for (const length of [0, 1, 32, 63, 64, 65, 200]) {
      const key = randomBytes(length);
      expect(signHex(key, 'message')).toBe(hmacHex(key, 'message'));
    }
  });

  it('keeps each key’s pads apart when signatures of several keys interleave', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    expect([signHex(a, 'm'), signHex(b, 'm'), signHex(a, 'n')]).toEqual([hmacHex(a, 'm'), hmacHex(b, 'm'), hmacHex(a, 'n')]);
  });
});

describe('signaturesEqual', () => {
  const signature = 'a'.repeat(63) + 'b';
  it('is true only for the same string', () => {
    expect(signaturesEqual(signature, signature)).toBe(true);
    expect(signaturesEqual(signature, 'a'.repeat(64))).toBe(false);
    expect(signaturesEqual(signature, `c${signature.slice(1)}`)).toBe(false);
    expect(signaturesEqual(signature, signature.slice(0, 63))).toBe(false);
    expect(signaturesEqual(signature, `${signature}0`)).toBe(false);
    expect(signaturesEqual(signature, '')).toBe(false);
  });
});

describe('deriveSigningKey', () => {
  const kSigning = (secret: string, date: string, region: string, service: string): Buffer => {
    const step = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();
    return step(step(step(step(`AWS4${secret}`, date), region), service), 'aws4_request');
  };

  it('answers each (secret, date, region, service) with its own key, however the calls alternate', () => {
    const calls: [string, string, string, string][] = [
      ['secret-a', '20261202', 'us-east-1', 's3'],
      ['secret-a', '20261202', 'us-east-1', 's3'],
      ['secret-b', '20261202', 'us-east-1', 's3'],
      ['secret-a', '20261203', 'us-east-1', 's3'],
      ['secret-a', '20261203', 'eu-west-1', 's3'],
      ['secret-a', '20261203', 'eu-west-1', 'iam'],
      ['secret-a', '20261202', 'us-east-1', 's3'],
    ];
    for (const [secret, date, region, service] of calls) {
      expect(deriveSigningKey(secret, date, region, service).equals(kSigning(secret, date, region, service))).toBe(true);
    }
  });
});
