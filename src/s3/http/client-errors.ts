import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { nextRequestId } from '../../request/request-ids';
import { S3Error } from '../errors/s3-error';
import { errorXml } from './xml/error-xml';

/**
 * The response a connection is answering, if any: Node keeps it on the socket (`_httpMessage`,
 * unchanged since Node 0.x). Reading it here, only when a connection fails, spares every request a
 * socket-to-request bookkeeping entry of our own.
 */
function inFlightResponse(socket: Socket): ServerResponse | undefined {
  return (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage ?? undefined;
}

/** What AWS answers for an HTTP request its parser refuses, by Node's error code. */
function errorForParserFailure(code: string | undefined): S3Error {
  if (code === 'HPE_HEADER_OVERFLOW') return new S3Error('RequestHeaderSectionTooLarge');
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT' || code === 'ERR_HTTP_HEADERS_TIMEOUT') return new S3Error('RequestTimeout');
  return new S3Error('BadRequest', 'An error occurred when parsing the HTTP request.');
}

/**
 * Fastify's clientErrorHandler: Node's HTTP parser refused what a connection sent (a Content-Length
 * that is no number, a chunk size that is no hex, headers too large) or the client closed its side
 * before the body it announced was complete. Fastify's default writes JSON; S3 clients get S3's XML.
 *
 * With a request in flight whose answer has not started, the body is ended where the bytes stopped:
 * the operation then finds it short (IncompleteBody) and answers through the exception filter, with
 * the request's ids and its history row. Otherwise there is no request to answer through, so the
 * error goes straight onto the socket, which is then closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const response = inFlightResponse(socket);
  if (response && !response.headersSent) {
    const request = response.req;
    // The answer closes the connection: the parser stays failed, nothing more is read from it.
    response.shouldKeepAlive = false;
    // The message is as complete as it will get. Left incomplete, its end would destroy the
    // socket (an aborted request, Node reasons) before the answer could be written.
    request.complete = true;
    if (!request.readableEnded) request.push(null);
    socket.pause();
    return;
  }
  if (response || !socket.writable) {
    socket.destroy(error);
    return;
  }
  const s3Error = errorForParserFailure(error.code);
  const requestId = nextRequestId();
  const body = errorXml(s3Error, { resource: '/', requestId });
  socket.end(
    `HTTP/1.1 ${s3Error.status} ${STATUS_CODES[s3Error.status] ?? ''}\r\n` +
      `Content-Type: application/xml\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `x-amz-request-id: ${requestId}\r\nServer: tracegw\r\nConnection: close\r\n\r\n${body}`,
  );
}
