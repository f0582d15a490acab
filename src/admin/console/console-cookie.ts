/** The cookie that carries a console session token; the `__Host-` prefix (https only) pins it to this origin and path /. */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-tracegw-console' : 'tracegw-console';
}

/**
 * Set-Cookie of a session: HttpOnly (no script of the page, nor one injected into it, reads the
 * token), SameSite=Strict (no other site's page makes the browser send it), Path=/ (the admin
 * routes are at the root), Secure over https. An empty token with Max-Age=0 removes it.
 */
export function sessionCookie(token: string, maxAgeMs: number, secure: boolean): string {
  const attributes = [`${sessionCookieName(secure)}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.ceil(maxAgeMs / 1000))}`];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

/** The session token of a Cookie header, if it has one. */
export function sessionTokenOf(cookieHeader: string | undefined, secure: boolean): string | undefined {
  if (cookieHeader === undefined) return undefined;
  const name = `${sessionCookieName(secure)}=`;
  for (const pair of cookieHeader.split(';')) {
    const trimmed = pair.trim();
    if (trimmed.startsWith(name)) return trimmed.slice(name.length);
  }
  return undefined;
}
