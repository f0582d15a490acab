/*
 * GET's body straight from the object's file to the client's socket with sendfile(2): the kernel
 * copies page-cache pages into the socket, where a stream through Node reads into a buffer, copies
 * it into the socket and leaves the buffer for the collector (two copies and their garbage per
 * MiB: what bounds a large GET, docs/performance.md).
 */
#ifndef TRACEGW_SOCKET_SEND_H
#define TRACEGW_SOCKET_SEND_H

#include <node_api.h>

/* Adds dupSocket, shutdownSocket, sendFileToSocket and waitWritable to the module's exports. */
napi_status register_socket_send(napi_env env, napi_value exports);

#endif
