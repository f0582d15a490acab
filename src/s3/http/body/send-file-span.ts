import { closeSync } from 'node:fs';
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FileSpanBody } from '../../../backends/backend';
import { nativeAddonIfBuilt } from '../../../native/native-addon';
import type { NativeSocketSend } from '../../../native/native-socket-send.types';
import { addBytesSentOutside } from '../../../request/bytes-sent-outside';

const native: NativeSocketSend | null = nativeAddonIfBuilt() ?? null;
const EMPTY = Buffer.alloc(0);

/** Node's own fields of a connection: its libuv handle's descriptor and the response it is writing. */
type HttpSocket = Socket & { _handle?: { fd?: number } | null; _httpMessage?: ServerResponse | null; encrypted?: boolean };

/**
 * The connection's descriptor when sendfile(2) can carry this response's body, else -1: a plain
 * TCP connection (TLS must encrypt in the process) whose current response is this one (a
 * pipelined response waits in Node's buffer behind the one before it), with the addon built.
 */
function sendfileDescriptor(response: ServerResponse): number {
  const socket = response.socket as HttpSocket | null;
  if (native === null || socket === null || socket.destroyed || socket.encrypted === true || socket._httpMessage !== response) return -1;
  const fd = socket._handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : -1;
}

/**
 * Sends a file span with sendfile where the connection allows, else as a stream through Fastify.
 * The reply is taken from Fastify (hijacked) with its status and headers: the body is written
 * around Node's stream, so Node must have put the header on the wire first and write nothing
 * until the last byte went. The response's 'close' still ends its span and its history row.
 */
export function sendFileSpan(reply: FastifyReply, span: FileSpanBody): void {
  const fd = span.length > 0 ? sendfileDescriptor(reply.raw) : -1;
  if (fd < 0) {
    streamFileSpan(reply, span);
    return;
  }
  reply.hijack();
  const response = reply.raw;
  response.writeHead(reply.statusCode, reply.getHeaders() as OutgoingHttpHeaders);
  response.flushHeaders();
  void sendThroughKernel(response, response.socket as Socket, fd, span);
}

/**
 * The span through Fastify as a stream. A file cut shorter than the span since it was opened ends
 * the stream early, and Fastify would end the response short of its Content-Length, leaving a
 * keep-alive client waiting for the rest: the connection is dropped instead, as sendfile does.
 */
function streamFileSpan(reply: FastifyReply, span: FileSpanBody): void {
  const stream = span.stream() as Readable & { bytesRead?: number };
  // Added before Fastify pipes the stream, so it runs before the pipe ends the response.
  stream.once('end', () => {
    if (stream.bytesRead !== undefined && stream.bytesRead < span.length) reply.raw.destroy();
  });
  reply.send(stream);
}

/** Resolves once everything Node queued on the socket (the header) is in the kernel. */
function headerWritten(socket: Socket): Promise<void> {
  if (socket.writableLength === 0) return Promise.resolve();
  return new Promise((resolve) => socket.write(EMPTY, () => resolve()));
}

async function sendThroughKernel(response: ServerResponse, socket: Socket, socketFd: number, span: FileSpanBody): Promise<void> {
  const addon = native as NativeSocketSend;
  // The sender's own descriptor of the connection (dupSocket says why); shut down when Node's
  // socket closes, so a wait wakes and the send in flight fails rather than going on to no one.
  let own = -1;
  let closed = false;
  const onClose = (): void => {
    closed = true;
    if (own >= 0) addon.shutdownSocket(own);
  };
  let left = span.length;
  try {
    own = addon.dupSocket(socketFd);
    socket.once('close', onClose);
    await headerWritten(socket);
    let offset = span.start;
    while (left > 0 && !closed) {
      const [sent, state] = await addon.sendFileToSocket(own, span.fd, offset, left);
      offset += sent;
      left -= sent;
      addBytesSentOutside(socket, sent);
      // The file was cut shorter than the size its Content-Length promised: the connection cannot be kept.
      if (state === 2) break;
      if (state === 1) await addon.waitWritable(own);
    }
  } catch {
    // The client went away (EPIPE, ECONNRESET) or the file failed to read: the body stays cut short.
  } finally {
    socket.off('close', onClose);
    if (own >= 0) closeSync(own);
  }
  // Ended before the file is closed: a keep-alive client sends its next request as soon as it has
  // the last byte, and that request can go by sendfile only once this response is over.
  if (left === 0 && !closed) response.end();
  else socket.destroy();
  await span.close().catch(() => undefined);
}
