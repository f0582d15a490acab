import type { Socket } from 'node:net';

/** Bytes the kernel sent on a connection on the gateway's behalf (sendfile), which socket.bytesWritten never sees. */
const SENT_OUTSIDE = Symbol('tracegw.bytesSentOutside');

type CountedSocket = Socket & { [SENT_OUTSIDE]?: number };

export function addBytesSentOutside(socket: Socket, bytes: number): void {
  const counted = socket as CountedSocket;
  counted[SENT_OUTSIDE] = (counted[SENT_OUTSIDE] ?? 0) + bytes;
}

/** Everything the connection carried so far: what Node wrote and what went around it. */
export function bytesSentOn(socket: Socket): number {
  return socket.bytesWritten + ((socket as CountedSocket)[SENT_OUTSIDE] ?? 0);
}
