import { createHash, createHmac } from 'node:crypto';
import { type Agent, request as httpRequest } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Credentials } from './gateway';

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The Hash shape @smithy/signature-v4 expects, over node:crypto. */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret ? createHmac('sha256', toBytes(secret)) : createHash('sha256');
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
}

export interface RawRequest {
  method: string;
  /** Sent exactly as given: no normalisation of '..' or re-encoding, unlike fetch or the SDK. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Signs with these credentials; omitted with `anonymous`. */
  credentials?: Credentials;
  anonymous?: boolean;
  signingDate?: Date;
  /** A connection of its own, closed after the answer: with --workers, the next worker takes it. */
  freshConnection?: boolean;
  /** Sent through this agent (one keep-alive socket: every request to the same --workers process). */
  agent?: Agent;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** The headers and path (query included) of a request as signed: what goes on the wire besides the body. */
export interface SignedHead {
  path: string;
  headers: Record<string, string>;
}

/** Signs a request (SigV4 in the Authorization header, or nothing for `anonymous`) without sending it. */
export async function signRequest(port: number, credentials: Credentials, req: RawRequest): Promise<SignedHead> {
  const body = req.body === undefined ? Buffer.alloc(0) : Buffer.from(req.body);
  const headers: Record<string, string> = {
    host: `127.0.0.1:${port}`,
    'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
    ...req.headers,
  };
  const framed = headers['content-length'] !== undefined || headers['transfer-encoding'] !== undefined;
  if (!framed && (body.length > 0 || req.method === 'PUT' || req.method === 'POST')) headers['content-length'] = String(body.length);
  let signed = { headers, query: req.query ?? {} };
  if (!req.anonymous) {
    const creds = req.credentials ?? credentials;
    const signer = new SignatureV4({
      service: 's3',
      region: 'us-east-1',
      credentials: { accessKeyId: creds.access, secretAccessKey: creds.secret },
      sha256: NodeSha256,
      uriEscapePath: false,
    });
    const out = await signer.sign(
      { method: req.method, protocol: 'http:', hostname: '127.0.0.1', port, path: req.path, headers, query: req.query ?? {} },
      { signingDate: req.signingDate },
    );
    signed = { headers: out.headers as Record<string, string>, query: (out.query ?? {}) as Record<string, string> };
  }
  const qs = new URLSearchParams(signed.query).toString().replace(/\+/g, '%20');
  return { path: qs ? `${req.path}?${qs}` : req.path, headers: signed.headers };
}

/** A SigV4-signed (or anonymous) request over node:http, for what real clients refuse to send. */
export async function signedRequest(port: number, credentials: Credentials, req: RawRequest): Promise<RawResponse> {
  const body = req.body === undefined ? Buffer.alloc(0) : Buffer.from(req.body);
  const signed = await signRequest(port, credentials, req);
  return sendRaw(port, { method: req.method, target: signed.path, headers: signed.headers, body, freshConnection: req.freshConnection, agent: req.agent });
}

/** One request over node:http to the gateway on 127.0.0.1, its request target and headers exactly as given. */
export function sendRaw(
  port: number,
  req: { method: string; target: string; headers: Record<string, string>; body?: Buffer; freshConnection?: boolean; agent?: Agent },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.target,
        headers: req.headers,
        agent: req.agent ?? (req.freshConnection ? false : undefined),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(req.body ?? Buffer.alloc(0));
  });
}

/** The <Code> of an S3 XML error body. */
export function xmlCode(body: string): string | undefined {
  return /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
}

/** The text of the first element `name` of an S3 XML body, its entities decoded. */
export function xmlElement(body: string, name: string): string | undefined {
  const raw = new RegExp(`<${name}>([^<]*)</${name}>`).exec(body)?.[1];
  return raw
    ?.replace(/&#xA;|&#10;/g, '\n')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
