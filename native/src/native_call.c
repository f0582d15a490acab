#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "native_call.h"
#include "plain_error.h"

napi_value native_call_start(napi_env env, napi_callback_info info, const native_call_spec_t *spec) {
  napi_value args[5];
  size_t argc = spec->argc;
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  napi_value promise;
  napi_deferred deferred;
  if (napi_create_promise(env, &deferred, &promise) != napi_ok) return NULL;

  native_call_t *call = calloc(1, spec->size);
  if (call == NULL) {
    napi_reject_deferred(env, deferred, plain_error(env, "ENOMEM", "cannot start native call", false));
    return promise;
  }
  call->deferred = deferred;
  const char *code = "ERR_INVALID_ARG_TYPE";
  const char *bad = argc < spec->argc ? "missing arguments" : spec->parse(env, args, call, &code);
  if (bad != NULL) {
    bool oom = strcmp(bad, NATIVE_CALL_OUT_OF_MEMORY) == 0;
    napi_reject_deferred(env, deferred, plain_error(env, oom ? "ENOMEM" : code, bad, !oom));
    spec->release(call);
    return promise;
  }
  napi_value name;
  napi_create_string_utf8(env, spec->resource, NAPI_AUTO_LENGTH, &name);
  if (napi_create_async_work(env, NULL, name, spec->execute, spec->complete, call, &call->work) != napi_ok ||
      napi_queue_async_work(env, call->work) != napi_ok) {
    if (call->work != NULL) napi_delete_async_work(env, call->work);
    napi_reject_deferred(env, deferred, plain_error(env, "ERR_NATIVE", "cannot queue native call", false));
    spec->release(call);
  }
  return promise;
}

void native_call_settle(napi_env env, native_call_t *call, napi_status status,
                        napi_value (*outcome)(napi_env env, void *call, bool *failed), void (*release)(void *call)) {
  if (status != napi_ok) {
    /* Cancelled before it ran (environment teardown): nothing was done. */
    napi_reject_deferred(env, call->deferred, plain_error(env, "ECANCELED", "native call cancelled", false));
  } else {
    bool failed = false;
    napi_value value = outcome(env, call, &failed);
    if (value == NULL) napi_reject_deferred(env, call->deferred, plain_error(env, "ENOMEM", "cannot build native call result", false));
    else if (failed) napi_reject_deferred(env, call->deferred, value);
    else napi_resolve_deferred(env, call->deferred, value);
  }
  napi_delete_async_work(env, call->work);
  release(call);
}

const char *native_call_string(napi_env env, napi_value value, const char *what, char **out, const char **code) {
  /* The messages name the argument: one buffer per thread is enough, as parse runs on the main thread. */
  static _Thread_local char message[128];
  napi_valuetype type;
  size_t len = 0;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_string) {
    snprintf(message, sizeof message, "The \"%s\" argument must be of type string", what);
    return message;
  }
  napi_get_value_string_utf8(env, value, NULL, 0, &len);
  char *s = malloc(len + 1);
  if (s == NULL) return NATIVE_CALL_OUT_OF_MEMORY;
  napi_get_value_string_utf8(env, value, s, len + 1, &len);
  if (strlen(s) != len) {
    free(s);
    *code = "ERR_INVALID_ARG_VALUE";
    snprintf(message, sizeof message, "The \"%s\" argument must be a string without null bytes", what);
    return message;
  }
  *out = s;
  return NULL;
}
