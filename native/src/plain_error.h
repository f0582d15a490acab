/* An Error (or TypeError) with a `code`, for failures that have no errno: bad arguments, no memory. */
#ifndef TRACEGW_PLAIN_ERROR_H
#define TRACEGW_PLAIN_ERROR_H

#include <stdbool.h>
#include <node_api.h>

napi_value plain_error(napi_env env, const char *code, const char *message, bool type_error);

#endif
