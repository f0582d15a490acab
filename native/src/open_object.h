/* openObject: open (confined to the bucket by openat2), fstat, attributes and small data of an
 * object in one thread-pool job; see open_object.c. */
#ifndef TRACEGW_OPEN_OBJECT_H
#define TRACEGW_OPEN_OBJECT_H

#include <node_api.h>

napi_status register_open_object(napi_env env, napi_value exports);

#endif
