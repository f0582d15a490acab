import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory per test, removed after it: the resolver creates files under DIR. */
export function useTempDir(): () => string {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tracegw-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  return () => dir;
}

// A throwaway self-signed P-256 pair made for these tests only (CN=localhost); it guards nothing.
export const TEST_CERT = `-----BEGIN CERTIFICATE-----
MIIBgDCCASWgAwIBAgIUNHgafuqx2JoWuan+4qASTl/XQBwwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNjAxMjQzOVoYDzIxMjYxMTAy
MDEyNDM5WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAR6+H1P/IsIpdfUqxs56wQR2tJE5eewvP+M8PPTsWoYnvmPPtOq6ter
jmBHRNOS9EYP+1vG//+dAhjVINvufaGKo1MwUTAdBgNVHQ4EFgQUyl87F/yPkuMT
MMrsHy6i7tE53MMwHwYDVR0jBBgwFoAUyl87F/yPkuMTMMrsHy6i7tE53MMwDwYD
VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEA6GX2M2b2NIeUTZJVQ6Le
6PsN9uZk/sgl4vn+ZWk3kwYCIQDnBSpOT8IGNhk+snmQoFTT0WGgjCql+7QByp9s
WIk5/g==
-----END CERTIFICATE-----
`;

export const TEST_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgAUmk88NZh6EWL63e
lT6670pI7cqu9rOddfNULr4Q7KyhRANCAAR6+H1P/IsIpdfUqxs56wQR2tJE5eew
vP+M8PPTsWoYnvmPPtOq6terjmBHRNOS9EYP+1vG//+dAhjVINvufaGK
-----END PRIVATE KEY-----
`;

/** A key that is not TEST_CERT's. */
export const OTHER_KEY = `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIORl7wrVPJKjYbj173a9vl1FVLTjvM0WynHzZy7Fv1XvoAoGCCqGSM49
AwEHoUQDQgAEPRcsXBUXShZr296Ov3FkOJQu28B7gGq1V3IvNoL3qDX0C6DWU/lW
dB13B7T4YYQhsKbFQzwP7XDCLk3DZrvl3w==
-----END EC PRIVATE KEY-----
`;

export function writeFile(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
