/**
 * The addon's sendfile path for GET bodies (native/src/socket_send.c). Errors are Node-style errno
 * errors (`code`, `errno`, `syscall`).
 */
export interface NativeSocketSend {
  /** A close-on-exec duplicate of a connection's descriptor, the sender's own until it closes it. */
  dupSocket(fd: number): number;
  /** shutdown(SHUT_RDWR): wakes a wait on the connection and fails the send in flight. */
  shutdownSocket(fd: number): void;
  /**
   * sendfile(2) of `count` bytes of fileFd from `offset` to the non-blocking socketFd, in one
   * thread-pool job, until all went (state 0), the socket's buffer is full (1) or the file ended (2).
   */
  sendFileToSocket(socketFd: number, fileFd: number, offset: number, count: number): Promise<[sent: number, state: 0 | 1 | 2]>;
  /** Resolves when the socket can take more bytes, or has failed (the next send says which). */
  waitWritable(socketFd: number): Promise<void>;
}
