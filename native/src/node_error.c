#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errno_name.h"
#include "node_error.h"
#include "plain_error.h"

napi_value node_errno_error(napi_env env, int err, const char *syscall, const char *path, const char *dest) {
  char text[128];
  const char *msg = strerror_r(err, text, sizeof text);
  char description[128];
  snprintf(description, sizeof description, "%s", msg);
  description[0] = (char)tolower((unsigned char)description[0]); /* Node's style: "no such file or directory" */

  const char *code = errno_name(err);
  size_t len = strlen(code) + strlen(description) + strlen(syscall) + 16;
  if (path != NULL) len += strlen(path);
  if (dest != NULL) len += strlen(dest);
  char *message = malloc(len);
  if (message == NULL) return plain_error(env, code, code, false);
  if (path != NULL && dest != NULL)
    snprintf(message, len, "%s: %s, %s '%s' -> '%s'", code, description, syscall, path, dest);
  else if (path != NULL)
    snprintf(message, len, "%s: %s, %s '%s'", code, description, syscall, path);
  else
    snprintf(message, len, "%s: %s, %s", code, description, syscall);
  napi_value error = plain_error(env, code, message, false);
  free(message);

  napi_value v;
  napi_create_int32(env, -err, &v);
  napi_set_named_property(env, error, "errno", v);
  napi_create_string_utf8(env, syscall, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, error, "syscall", v);
  if (path != NULL) {
    napi_create_string_utf8(env, path, NAPI_AUTO_LENGTH, &v);
    napi_set_named_property(env, error, "path", v);
  }
  if (dest != NULL) {
    napi_create_string_utf8(env, dest, NAPI_AUTO_LENGTH, &v);
    napi_set_named_property(env, error, "dest", v);
  }
  return error;
}
