import { listenAdminPort, type AdminListener } from '../../../src/admin/admin-listener';
import { issueSession } from '../../../src/admin/console/console-session-token';
import type { OperationView } from '../../../src/admin/history/operation-view';
import { adminCall } from '../admin/admin-client';
import { startGateway, type RunningGateway } from '../support/gateway';
import { signedRequest, xmlCode } from '../support/signed-request';
import { consoleRequest, sessionCall, signIn, signInRequest, type ConsoleLogin } from './console-client';

const TRACE_URL = 'http://jaeger.example:16686/trace/{traceId}';

function errorCode(body: string): string | undefined {
  return (JSON.parse(body) as { error?: { code?: string } }).error?.code;
}

function expectConsoleHeaders(headers: Record<string, string | string[] | undefined>): void {
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['cache-control']).toBe('no-store');
}

// The console's sessions, CSRF and headers without a browser: what the page's requests must carry.
describe('console on --admin-port: session, CSRF and headers', () => {
  let gw: RunningGateway;
  let admin: AdminListener;
  let port: number;

  beforeAll(async () => {
    gw = await startGateway(() => ({ adminPort: { host: '127.0.0.1', port: 0 }, console: { traceUrl: TRACE_URL, sessionTtlMs: 60_000 } }));
    admin = await listenAdminPort(gw.gateway.app.getHttpAdapter().getInstance(), { host: '127.0.0.1', port: 0 }, undefined, undefined, gw.gateway.console);
    port = admin.address.port;
  });
  afterAll(async () => {
    await admin.close();
    await gw.stop();
  });

  it('serves the sign-in page to anyone, never framed, scripts from itself only', async () => {
    const page = await consoleRequest(port, '/console');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('id="sign-in"');
    expectConsoleHeaders(page.headers);
    const script = await consoleRequest(port, '/console/sign-in.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expectConsoleHeaders(script.headers);
  });

  it('serves the application and the chart library to a signed-in session only', async () => {
    for (const path of ['/console/app/main.js', '/console/vendor/chart.umd.min.js']) {
      const refused = await consoleRequest(port, path);
      expect(refused.status).toBe(401);
      expect(refused.body).not.toContain('import');
      expectConsoleHeaders(refused.headers);
    }
    const login = await signIn(port, gw.rootCredentials);
    const app = await consoleRequest(port, '/console/app/main.js', { headers: { cookie: login.cookie } });
    expect(app.status).toBe(200);
    expect(app.body).toContain('export function startConsole');
    const chart = await consoleRequest(port, '/console/vendor/chart.umd.min.js', { headers: { cookie: login.cookie } });
    expect(chart.status).toBe(200);
    expect(chart.body).toContain('Chart.js v4.6.1');
  });

  it('signs an admin in with an HttpOnly, SameSite=Strict cookie and answers the CSRF token and the trace link', async () => {
    const login = await signIn(port, gw.rootCredentials);
    expect(login.setCookie).toMatch(/^tracegw-console=v1\.[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=60$/);
    expect(login.answer.access).toBe(gw.rootCredentials.access);
    expect(login.answer.traceUrl).toBe(TRACE_URL);
    expect(Date.parse(login.answer.expiresAt) - Date.now()).toBeGreaterThan(50_000);
    // The secret is in neither the cookie nor the answer.
    expect(login.setCookie + JSON.stringify(login.answer)).not.toContain(gw.rootCredentials.secret);
  });

  it('refuses a wrong secret, an unknown key and a non-admin account, and sets no cookie', async () => {
    await adminCall(gw, '/create-user', { body: { access: 'carol', secret: 'carol-secret', role: 'userplus' } });
    for (const credentials of [
      { access: gw.rootCredentials.access, secret: 'not-the-secret' },
      { access: 'nobody', secret: 'whatever' },
      { access: 'carol', secret: 'carol-secret' },
    ]) {
      const refused = await signInRequest(port, credentials);
      expect(refused.status).toBe(403);
      expect(errorCode(refused.body)).toBe('AccessDenied');
      expect(refused.headers['set-cookie']).toBeUndefined();
    }
  });

  it('refuses a sign-in from another site, or not sent as JSON', async () => {
    const crossOrigin = await signInRequest(port, gw.rootCredentials, { origin: 'http://evil.example' });
    expect(crossOrigin.status).toBe(403);
    const crossSite = await signInRequest(port, gw.rootCredentials, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const form = await signInRequest(port, gw.rootCredentials, { 'content-type': 'text/plain' });
    expect(form.status).toBe(400);
    for (const response of [crossOrigin, crossSite, form]) expect(response.headers['set-cookie']).toBeUndefined();
  });

  describe('with a session', () => {
    let login: ConsoleLogin;
    beforeAll(async () => {
      login = await signIn(port, gw.rootCredentials);
    });

    it('reads the admin API with the cookie and the CSRF token, journaled as the account', async () => {
      const listed = await sessionCall(port, login, '/list-operations?limit=5');
      expect(listed.status).toBe(200);
      expectConsoleHeaders(listed.headers);
      const traceId = String(listed.headers['x-trace-id']);
      const rows = (await adminCall(gw, '/list-operations', { query: { 'trace-id': traceId } })).json as { operations: OperationView[] };
      expect(rows.operations).toMatchObject([{ operation: 'AdminListOperations', accessKey: gw.rootCredentials.access, role: 'admin', httpStatus: 200 }]);
      for (const path of ['/operations-summary', '/list-multipart-uploads', '/list-users', '/list-buckets']) {
        expect((await sessionCall(port, login, path)).status).toBe(200);
      }
    });

    it('refuses a request without the CSRF token, or with another session\'s', async () => {
      const other = await signIn(port, gw.rootCredentials);
      const missing = await consoleRequest(port, '/list-users', { method: 'PATCH', headers: { cookie: login.cookie } });
      expect(missing.status).toBe(403);
      expect(errorCode(missing.body)).toBe('InvalidCsrfToken');
      const wrong = await sessionCall(port, { cookie: login.cookie, csrfToken: other.csrfToken }, '/list-users');
      expect(wrong.status).toBe(403);
      expect(errorCode(wrong.body)).toBe('InvalidCsrfToken');
    });

    it('refuses a request from another origin even with the token', async () => {
      const refused = await sessionCall(port, login, '/list-users', { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' });
      expect(refused.status).toBe(403);
      expect(errorCode(refused.body)).toBe('AccessDenied');
    });

    it('only reads: a change through the session is refused and not made', async () => {
      const refused = await consoleRequest(port, '/create-user', {
        method: 'PATCH',
        headers: { cookie: login.cookie, 'x-console-csrf': login.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ access: 'mallory', secret: 'mallory-secret', role: 'admin' }),
      });
      expect(refused.status).toBe(403);
      expect(errorCode(refused.body)).toBe('AccessDenied');
      const accounts = (await adminCall(gw, '/list-users')).json as { accounts: { access: string }[] };
      expect(accounts.accounts.map((a) => a.access)).not.toContain('mallory');
    });

    it('signs out by removing the cookie and ending the token: a copy taken before is refused, other sessions go on', async () => {
      const own = await signIn(port, gw.rootCredentials);
      const other = await signIn(port, gw.rootCredentials);
      expect((await sessionCall(port, own, '/list-users')).status).toBe(200);
      const out = await sessionCall(port, own, '/console-sign-out');
      expect(out.status).toBe(200);
      expect(String(out.headers['set-cookie'])).toMatch(/^tracegw-console=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0$/);
      // The token as it was copied before the sign-out, still within its lifetime and its MAC good.
      const replayed = await sessionCall(port, own, '/list-users');
      expect(replayed.status).toBe(401);
      expect(errorCode(replayed.body)).toBe('InvalidConsoleSession');
      const page = await consoleRequest(port, '/console/app/main.js', { headers: { cookie: own.cookie } });
      expect(page.status).toBe(401);
      expect((await sessionCall(port, other, '/list-users')).status).toBe(200);
    });
  });

  it('refuses an expired session with ConsoleSessionExpired', async () => {
    const { token, csrfToken } = issueSession(gw.rootCredentials.access, gw.rootCredentials.secret, 1000, Date.now() - 5000);
    const expired = await sessionCall(port, { cookie: `tracegw-console=${token}`, csrfToken }, '/list-users');
    expect(expired.status).toBe(401);
    expect(errorCode(expired.body)).toBe('ConsoleSessionExpired');
    const page = await consoleRequest(port, '/console/app/main.js', { headers: { cookie: `tracegw-console=${token}` } });
    expect(page.status).toBe(401);
    // Once the browser has dropped the cookie (its Max-Age is the session's), the page's requests still say why.
    const dropped = await consoleRequest(port, '/list-users', { method: 'PATCH', headers: { 'x-console-csrf': csrfToken } });
    expect(dropped.status).toBe(401);
    expect(errorCode(dropped.body)).toBe('ConsoleSessionExpired');
  });

  it('ends the sessions of an account whose secret changes, or that is no longer admin', async () => {
    await adminCall(gw, '/create-user', { body: { access: 'dora', secret: 'dora-secret', role: 'admin' } });
    const login = await signIn(port, { access: 'dora', secret: 'dora-secret' });
    expect((await sessionCall(port, login, '/list-users')).status).toBe(200);
    await adminCall(gw, '/update-user', { query: { access: 'dora' }, body: { secret: 'dora-new-secret' } });
    const afterSecret = await sessionCall(port, login, '/list-users');
    expect(afterSecret.status).toBe(401);
    expect(errorCode(afterSecret.body)).toBe('InvalidConsoleSession');

    const again = await signIn(port, { access: 'dora', secret: 'dora-new-secret' });
    await adminCall(gw, '/update-user', { query: { access: 'dora' }, body: { role: 'user' } });
    expect((await sessionCall(port, again, '/list-users')).status).toBe(401);
  });

  it('refuses a tampered token', async () => {
    const login = await signIn(port, gw.rootCredentials);
    const [name, token] = login.cookie.split('=');
    const parts = token.split('.');
    parts[2] = String(Number(parts[2]) + 3_600_000);
    const tampered = await sessionCall(port, { cookie: `${name}=${parts.join('.')}`, csrfToken: login.csrfToken }, '/list-users');
    expect(tampered.status).toBe(401);
    expect(errorCode(tampered.body)).toBe('InvalidConsoleSession');
  });

  it('leaves the S3 port to S3 when the admin API has a listener of its own', async () => {
    const onS3Port = await consoleRequest(gw.port, '/console');
    expect(onS3Port.status).toBe(404);
    expect(xmlCode(onS3Port.body)).toBe('NoSuchBucket');
  });
});

describe('console on the S3 port (no --admin-port)', () => {
  let gw: RunningGateway;

  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.stop());

  it('serves the page and its session beside S3', async () => {
    const page = await consoleRequest(gw.port, '/console');
    expect(page.status).toBe(200);
    expectConsoleHeaders(page.headers);
    const login = await signIn(gw.port, gw.rootCredentials);
    expect((await sessionCall(gw.port, login, '/list-buckets')).status).toBe(200);
  });

  it('leaves a signed request, or one with a query, to the bucket named console', async () => {
    const signed = await signedRequest(gw.port, gw.rootCredentials, { method: 'GET', path: '/console' });
    expect(signed.status).toBe(404);
    expect(xmlCode(signed.body)).toBe('NoSuchBucket');
    const listing = await consoleRequest(gw.port, '/console?list-type=2');
    expect(xmlCode(listing.body)).toBe('NoSuchBucket');
  });
});
