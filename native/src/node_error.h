/*
 * Errors as Node's own fs calls make them, so the posix backend maps the addon's failures and
 * fs.promises' with one table: `code` (the errno name), `errno` (negative), `syscall`, `path`.
 * Errors without an errno are plain_error's (plain_error.h).
 */
#ifndef TRACEGW_NODE_ERROR_H
#define TRACEGW_NODE_ERROR_H

#include <node_api.h>

/* "ENOENT: no such file or directory, lstat '/a/b'" with its fields; `path` and `dest` may be NULL. */
napi_value node_errno_error(napi_env env, int err, const char *syscall, const char *path, const char *dest);

#endif
