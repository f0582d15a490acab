#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>
#include <uv.h>

#include "native_call.h"
#include "node_error.h"
#include "plain_error.h"
#include "socket_send.h"

/* sendfile(2) moves at most this much per call (Linux's MAX_RW_COUNT, rounded down to a page). */
#define SENDFILE_MAX ((size_t)0x7ffff000)

/* An integer argument in [min, max]; on failure the message for `parse` (or NULL and a throw for sync calls). */
static const char *int_arg(napi_env env, napi_value value, const char *message, int64_t min, int64_t max, int64_t *out) {
  napi_valuetype type;
  double d = 0;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_number) return message;
  napi_get_value_double(env, value, &d);
  if (!(d >= (double)min && d <= (double)max) || d != (double)(int64_t)d) return message;
  *out = (int64_t)d;
  return NULL;
}

/* ---- dupSocket(fd), shutdownSocket(fd): synchronous, on the main thread ---- */

/*
 * The sender works on its own descriptor of the connection: if Node closes the socket while a
 * send is in the thread pool, the number could be reused for another file at once, and the
 * object's bytes would go there. A duplicate keeps the connection (and the number) ours until
 * the sender closes it.
 */
static napi_value dup_socket(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value arg, result;
  napi_get_cb_info(env, info, &argc, &arg, NULL, NULL);
  int64_t fd = -1;
  if (argc < 1 || int_arg(env, arg, "", 0, INT32_MAX, &fd) != NULL) {
    napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", "The \"fd\" argument must be a descriptor number");
    return NULL;
  }
  int copy = fcntl((int)fd, F_DUPFD_CLOEXEC, 0);
  if (copy < 0) {
    napi_throw(env, node_errno_error(env, errno, "dup", NULL, NULL));
    return NULL;
  }
  napi_create_int32(env, copy, &result);
  return result;
}

/*
 * Ends the connection under a send that must stop (the client's socket closed in Node): a wait
 * for writability wakes, and the send in flight fails with EPIPE, instead of the duplicate
 * holding the connection open to a client that does not read.
 */
static napi_value shutdown_socket(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value arg;
  napi_get_cb_info(env, info, &argc, &arg, NULL, NULL);
  int64_t fd = -1;
  if (argc < 1 || int_arg(env, arg, "", 0, INT32_MAX, &fd) != NULL) {
    napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", "The \"fd\" argument must be a descriptor number");
    return NULL;
  }
  /* ENOTCONN: the peer is gone already, which is what was asked for. */
  if (shutdown((int)fd, SHUT_RDWR) != 0 && errno != ENOTCONN) {
    napi_throw(env, node_errno_error(env, errno, "shutdown", NULL, NULL));
    return NULL;
  }
  return NULL;
}

/* ---- sendFileToSocket(socketFd, fileFd, offset, count): a thread-pool job ---- */

typedef struct {
  native_call_t base;
  int socket_fd;
  int file_fd;
  int64_t offset;
  int64_t left;
  int64_t sent;
  int state; /* 0 all sent, 1 the socket's buffer is full, 2 the file ended first */
  int err;
} send_call_t;

/*
 * Sends until everything went, the socket would block, or the file ends. The socket is
 * non-blocking (libuv made it so, and a duplicate shares that), so a slow client costs the pool
 * no waiting thread: the job returns, and the main thread waits for writability.
 */
static void send_execute(napi_env env, void *data) {
  send_call_t *c = data;
  off_t offset = (off_t)c->offset;
  while (c->left > 0) {
    size_t chunk = (uint64_t)c->left > SENDFILE_MAX ? SENDFILE_MAX : (size_t)c->left;
    ssize_t n = sendfile(c->socket_fd, c->file_fd, &offset, chunk);
    if (n > 0) {
      c->sent += n;
      c->left -= n;
    } else if (n == 0) {
      c->state = 2;
      return;
    } else if (errno == EAGAIN) {
      c->state = 1;
      return;
    } else if (errno != EINTR) {
      c->err = errno;
      return;
    }
  }
}

static napi_value send_outcome(napi_env env, void *data, bool *failed) {
  send_call_t *c = data;
  if (c->err != 0) {
    *failed = true;
    return node_errno_error(env, c->err, "sendfile", NULL, NULL);
  }
  napi_value result, sent, state;
  if (napi_create_array_with_length(env, 2, &result) != napi_ok) return NULL;
  if (napi_create_double(env, (double)c->sent, &sent) != napi_ok || napi_create_int32(env, c->state, &state) != napi_ok) return NULL;
  if (napi_set_element(env, result, 0, sent) != napi_ok || napi_set_element(env, result, 1, state) != napi_ok) return NULL;
  return result;
}

static void send_release(void *data) { free(data); }

static void send_complete(napi_env env, napi_status status, void *data) {
  native_call_settle(env, data, status, send_outcome, send_release);
}

static const char *send_parse(napi_env env, const napi_value *args, void *data, const char **code) {
  send_call_t *c = data;
  int64_t socket_fd, file_fd, offset, count;
  if (int_arg(env, args[0], "", 0, INT32_MAX, &socket_fd) != NULL) return "The \"socketFd\" argument must be a descriptor number";
  if (int_arg(env, args[1], "", 0, INT32_MAX, &file_fd) != NULL) return "The \"fileFd\" argument must be a descriptor number";
  /* Offsets and counts that a double holds exactly, as Node's fs takes them. */
  if (int_arg(env, args[2], "", 0, (int64_t)1 << 53, &offset) != NULL) {
    *code = "ERR_OUT_OF_RANGE";
    return "The \"offset\" argument must be an integer from 0 to 2^53";
  }
  if (int_arg(env, args[3], "", 0, (int64_t)1 << 53, &count) != NULL) {
    *code = "ERR_OUT_OF_RANGE";
    return "The \"count\" argument must be an integer from 0 to 2^53";
  }
  c->socket_fd = (int)socket_fd;
  c->file_fd = (int)file_fd;
  c->offset = offset;
  c->left = count;
  return NULL;
}

static const native_call_spec_t send_spec = {
    .resource = "tracegw.sendFileToSocket",
    .argc = 4,
    .size = sizeof(send_call_t),
    .parse = send_parse,
    .execute = send_execute,
    .complete = send_complete,
    .release = send_release,
};

static napi_value send_file_to_socket(napi_env env, napi_callback_info info) { return native_call_start(env, info, &send_spec); }

/* ---- waitWritable(socketFd): a poll on the main thread's loop ---- */

typedef struct {
  uv_poll_t poll;
  napi_env env;
  napi_deferred deferred;
  napi_async_context context;
} wait_t;

static void wait_closed(uv_handle_t *handle) {
  wait_t *w = handle->data;
  napi_async_destroy(w->env, w->context);
  free(w);
}

/*
 * Resolves on any event, writable or not (an error or hang-up is reported whatever was asked):
 * the next send tells which, by sending or by failing. Resolved inside a callback scope, so the
 * promise's continuations run now rather than whenever something else drains the microtasks.
 */
static void wait_ready(uv_poll_t *poll, int status, int events) {
  wait_t *w = poll->data;
  uv_poll_stop(poll);
  napi_handle_scope handles;
  napi_open_handle_scope(w->env, &handles);
  napi_value resource, undefined;
  napi_create_object(w->env, &resource);
  napi_get_undefined(w->env, &undefined);
  napi_callback_scope scope;
  bool scoped = napi_open_callback_scope(w->env, resource, w->context, &scope) == napi_ok;
  napi_resolve_deferred(w->env, w->deferred, undefined);
  if (scoped) napi_close_callback_scope(w->env, scope);
  napi_close_handle_scope(w->env, handles);
  uv_close((uv_handle_t *)poll, wait_closed);
}

static napi_value wait_writable(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value arg, promise, name;
  napi_get_cb_info(env, info, &argc, &arg, NULL, NULL);
  napi_deferred deferred;
  if (napi_create_promise(env, &deferred, &promise) != napi_ok) return NULL;
  int64_t fd = -1;
  if (argc < 1 || int_arg(env, arg, "", 0, INT32_MAX, &fd) != NULL) {
    napi_reject_deferred(env, deferred, plain_error(env, "ERR_INVALID_ARG_TYPE", "The \"socketFd\" argument must be a descriptor number", true));
    return promise;
  }
  uv_loop_t *loop = NULL;
  wait_t *w = calloc(1, sizeof *w);
  if (w == NULL || napi_get_uv_event_loop(env, &loop) != napi_ok) {
    free(w);
    napi_reject_deferred(env, deferred, plain_error(env, "ENOMEM", "cannot wait for the socket", false));
    return promise;
  }
  int err = uv_poll_init(loop, &w->poll, (int)fd);
  if (err != 0) {
    free(w);
    napi_reject_deferred(env, deferred, node_errno_error(env, -err, "poll", NULL, NULL));
    return promise;
  }
  w->poll.data = w;
  w->env = env;
  napi_create_string_utf8(env, "tracegw.waitWritable", NAPI_AUTO_LENGTH, &name);
  napi_async_init(env, NULL, name, &w->context);
  err = uv_poll_start(&w->poll, UV_WRITABLE, wait_ready);
  if (err != 0) {
    napi_reject_deferred(env, deferred, node_errno_error(env, -err, "poll", NULL, NULL));
    uv_close((uv_handle_t *)&w->poll, wait_closed);
    return promise;
  }
  w->deferred = deferred;
  return promise;
}

napi_status register_socket_send(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"dupSocket", NULL, dup_socket, NULL, NULL, NULL, napi_enumerable, NULL},
      {"shutdownSocket", NULL, shutdown_socket, NULL, NULL, NULL, napi_enumerable, NULL},
      {"sendFileToSocket", NULL, send_file_to_socket, NULL, NULL, NULL, napi_enumerable, NULL},
      {"waitWritable", NULL, wait_writable, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  return napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
}
