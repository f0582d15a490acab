import type { IncomingHttpHeaders } from 'node:http';

/**
 * True unless the browser says the request comes from another site: Sec-Fetch-Site (every current
 * browser sends it) must be same-origin, and an Origin header must be this gateway's own. Requests
 * without either (curl, scripts) pass: they carry no victim's cookie. With SameSite=Strict and the
 * CSRF header this is the third of the console's CSRF defences, and the only one at sign-in.
 */
export function isSameOrigin(headers: IncomingHttpHeaders, secure: boolean): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin') return false;
  const origin = headers.origin;
  if (origin === undefined) return true;
  return headers.host !== undefined && origin === `${secure ? 'https' : 'http'}://${headers.host}`;
}
