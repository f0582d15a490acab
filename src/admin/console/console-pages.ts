import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { CONSOLE_PATH, type ConsoleAsset } from './console-assets';
import { CONSOLE_SECURITY_HEADERS } from './console-headers';
import type { ConsoleSessions } from './console-sessions';

/**
 * Answers GET and HEAD of the console's files, before any routing, recording or S3 handling: on
 * the admin listener (--admin-port) and, when there is none, on the S3 port (docs/console.md).
 */
export class ConsolePages {
  constructor(
    private readonly assets: ReadonlyMap<string, ConsoleAsset>,
    private readonly sessions: ConsoleSessions,
  ) {}

  /**
   * True for a request of one of the console's files (its exact path, no query). Asked of every
   * request on the S3 port: the prefix test spares a presigned GET's long URL a hash for the lookup.
   */
  serves(method: string | undefined, rawUrl: string | undefined): boolean {
    return (method === 'GET' || method === 'HEAD') && rawUrl !== undefined && rawUrl.startsWith(CONSOLE_PATH) && this.assets.has(rawUrl);
  }

  /**
   * On the S3 port the console's paths are also a bucket's (`console`): a request that carries
   * S3 credentials, or any query, is S3's. Only a browser's plain GET of a console file is ours.
   */
  servesOnS3Port(request: IncomingMessage): boolean {
    return request.headers.authorization === undefined && this.serves(request.method, request.url);
  }

  answer(request: IncomingMessage, response: ServerResponse): void {
    const asset = this.assets.get(request.url ?? '');
    if (!asset) throw new Error(`not a console file: ${request.url}`);
    const secure = (request.socket as Partial<TLSSocket>).encrypted === true;
    const signedIn = !asset.signedIn || typeof this.sessions.sessionOf(request.headers, secure) === 'object';
    const body = signedIn ? asset.body : Buffer.from('sign in at /console first\n');
    response.writeHead(signedIn ? 200 : 401, {
      ...CONSOLE_SECURITY_HEADERS,
      'content-type': signedIn ? asset.contentType : 'text/plain; charset=utf-8',
      'content-length': body.length,
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  }
}
