/*
 * The frame of an asynchronous addon call (the listing calls use it): a Promise, arguments
 * parsed on the main thread, the work on a libuv worker thread, the Promise settled back on the
 * main thread and the call's memory freed.
 */
#ifndef TRACEGW_NATIVE_CALL_H
#define TRACEGW_NATIVE_CALL_H

#include <stdbool.h>
#include <stddef.h>
#include <node_api.h>

/* The first member of every call's struct. */
typedef struct {
  napi_async_work work;
  napi_deferred deferred;
} native_call_t;

typedef struct {
  const char *resource; /* async resource name, "tracegw.<method>" */
  size_t argc;          /* arguments taken (at most 5) */
  size_t size;          /* of the call's struct, allocated zeroed */
  /* Copies the arguments into the call; on failure, the message to reject with (its code in *code,
   * ERR_INVALID_ARG_TYPE unless set; NATIVE_CALL_OUT_OF_MEMORY rejects with ENOMEM). */
  const char *(*parse)(napi_env env, const napi_value *args, void *call, const char **code);
  napi_async_execute_callback execute;
  napi_async_complete_callback complete;
  void (*release)(void *call);
} native_call_spec_t;

#define NATIVE_CALL_OUT_OF_MEMORY "out of memory"

/* Copies a string argument into a new NUL-terminated `*out` (freed by the caller); on failure
 * the message for the `parse` callback, `what` naming the argument. A string holding a NUL is
 * refused, as Node's fs refuses it: it would cut the path short in the syscall. */
const char *native_call_string(napi_env env, napi_value value, const char *what, char **out, const char **code);

/* Parses, queues and returns the Promise; a bad argument rejects it (as fs.promises does). */
napi_value native_call_start(napi_env env, napi_callback_info info, const native_call_spec_t *spec);

/* The end of `complete`: rejects a cancelled call, else settles with what `outcome` builds (a
 * value to resolve with, or to reject with when it sets *failed; NULL: out of JS memory), then
 * deletes the work and releases the call. */
void native_call_settle(napi_env env, native_call_t *call, napi_status status,
                        napi_value (*outcome)(napi_env env, void *call, bool *failed), void (*release)(void *call));

#endif
