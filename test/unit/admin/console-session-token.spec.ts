import { claimedAccess, issueSession, verifySession } from '../../../src/admin/console/console-session-token';

// The console's stateless session tokens: only the account's secret makes one that verifies.
describe('console session tokens', () => {
  const now = 1_800_000_000_000;
  const issued = issueSession('ADMINKEY', 'admin-secret', 60_000, now);

  it('verifies under the secret it was issued with, until it expires, with the same CSRF token', () => {
    expect(claimedAccess(issued.token)).toBe('ADMINKEY');
    expect(verifySession(issued.token, 'admin-secret', now + 59_999)).toEqual({ id: issued.id, access: 'ADMINKEY', expiresAt: now + 60_000, csrfToken: issued.csrfToken });
    expect(verifySession(issued.token, 'admin-secret', now + 60_000)).toBe('expired');
  });

  it('refuses a token under another secret (the account changed it) or with any part changed', () => {
    expect(verifySession(issued.token, 'other-secret', now)).toBe('invalid');
    const parts = issued.token.split('.');
    const changed = [
      [parts[0], Buffer.from('OTHERKEY').toString('base64url'), ...parts.slice(2)],
      [...parts.slice(0, 2), String(now + 3_600_000), ...parts.slice(3)],
      [...parts.slice(0, 3), 'AAAAAAAAAAAAAAAAAAAAAA', parts[4]],
      [...parts.slice(0, 4), parts[4].replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))],
      ['v2', ...parts.slice(1)],
      parts.slice(0, 4),
    ];
    for (const token of changed) expect(verifySession(token.join('.'), 'admin-secret', now)).toBe('invalid');
  });

  it('gives every session its own token and CSRF token', () => {
    const other = issueSession('ADMINKEY', 'admin-secret', 60_000, now);
    expect(other.token).not.toBe(issued.token);
    expect(other.csrfToken).not.toBe(issued.csrfToken);
    expect(issued.token).not.toContain('admin-secret');
  });
});
