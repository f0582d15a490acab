/**
 * Sent with everything the console serves (pages, scripts, and the admin API's answers to it).
 * Scripts, styles, images and requests come from this origin only: no CDN, no inline script, so an
 * operation's key or user agent rendered into the page cannot run. Never framed (clickjacking):
 * X-Frame-Options for older browsers, frame-ancestors for current ones.
 */
export const CONSOLE_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
});

/** The header a console request carries its CSRF token in (a custom header: no form or plain link can send one). */
export const CSRF_HEADER = 'x-console-csrf';
