/* writeObject, beginObject, writeChunks, finishObject: PUT's temporary-file create, write,
 * fdatasync, attributes and link, in as few thread-pool jobs as the body allows; see object_write.c. */
#ifndef TRACEGW_OBJECT_WRITE_H
#define TRACEGW_OBJECT_WRITE_H

#include <node_api.h>

napi_status register_object_write(napi_env env, napi_value exports);

#endif
