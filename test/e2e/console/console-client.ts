import type { Credentials } from '../support/gateway';
import { sendRaw, type RawResponse } from '../support/signed-request';

/** A signed-in console, as the page holds it: the cookie the browser would keep, and the CSRF token from the answer. */
export interface ConsoleLogin {
  cookie: string;
  csrfToken: string;
  setCookie: string;
  answer: { access: string; expiresAt: string; csrfToken: string; traceUrl: string | null };
}

export interface ConsoleCall {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A request as the console's page makes it (no signature), to `port`. */
export function consoleRequest(port: number, target: string, call: ConsoleCall = {}): Promise<RawResponse> {
  const body = call.body === undefined ? undefined : Buffer.from(call.body);
  const headers: Record<string, string> = { host: `127.0.0.1:${port}`, ...call.headers };
  if (body) headers['content-length'] = String(body.length);
  return sendRaw(port, { method: call.method ?? 'GET', target, headers, body });
}

export function signInRequest(port: number, credentials: Credentials, headers: Record<string, string> = {}): Promise<RawResponse> {
  return consoleRequest(port, '/console-sign-in', {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin', ...headers },
    body: JSON.stringify({ access: credentials.access, secret: credentials.secret }),
  });
}

/** Signs in and keeps what a browser would. */
export async function signIn(port: number, credentials: Credentials): Promise<ConsoleLogin> {
  const response = await signInRequest(port, credentials);
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${response.body}`);
  const setCookie = String(response.headers['set-cookie']);
  const answer = JSON.parse(response.body) as ConsoleLogin['answer'];
  return { cookie: setCookie.split(';')[0], csrfToken: answer.csrfToken, setCookie, answer };
}

/** An admin route called the way the console's page calls it: PATCH, the cookie, the CSRF header. */
export function sessionCall(port: number, login: Pick<ConsoleLogin, 'cookie' | 'csrfToken'>, target: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return consoleRequest(port, target, {
    method: 'PATCH',
    headers: { cookie: login.cookie, 'x-console-csrf': login.csrfToken, 'sec-fetch-site': 'same-origin', ...headers },
  });
}
