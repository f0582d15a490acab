/*
 * tracegw's native addon: the Linux calls the posix backend needs and Node's fs lacks
 * (extended attributes, O_TMPFILE + linkat, copy_file_range, reflinks, splice into O_DIRECT,
 * fallocate). The contract is
 * src/backends/posix/native.types.ts.
 *
 * Every call is a napi_async_work: the syscall runs on libuv's thread pool and the
 * returned Promise settles on the event loop, so a slow file system (NFS, Lustre) never
 * stalls the gateway. Failures reject with an Error shaped like Node's fs errors
 * (code, errno < 0, syscall, path) so the backend maps both kinds with one table.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/fs.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <node_api.h>

#include "checksums.h"
#include "listing.h"
#include "node_error.h"
#include "object_write.h"
#include "open_object.h"
#include "plain_error.h"
#include "scoutfs_move_blocks.h"
#include "sigv4.h"
#include "socket_send.h"

typedef enum {
  OP_GETXATTR,
  OP_SETXATTR,
  OP_REMOVEXATTR,
  OP_LISTXATTR,
  OP_FGETXATTR,
  OP_FSETXATTR,
  OP_OPEN_TMPFILE,
  OP_LINK_TMPFILE,
  OP_COPY_FILE_RANGE,
  OP_START_WRITEBACK,
  OP_OPEN_DIRECT,
  OP_PREALLOCATE,
  OP_CLONE_RANGE,
  OP_SPLICE_COPY,
  OP_READ_USER_XATTRS,
} op_kind;

/* One call in flight: its arguments (owned copies: JS values must not be touched off
 * the main thread), then what the worker thread found. */
typedef struct {
  op_kind kind;
  napi_async_work work;
  napi_deferred deferred;

  char *path; /* file, directory or link target */
  char *name; /* attribute name */
  int fd;
  int fd_out;
  int64_t off_in;
  int64_t off_out;
  int64_t length;
  char *value; /* attribute value in (set) or out (get, list) */
  size_t value_len;

  int err; /* errno of the failed syscall; 0 on success */
  const char *syscall;
  bool absent; /* no such attribute, no O_TMPFILE or no O_DIRECT here: resolves undefined */
  int64_t result; /* fd opened or bytes copied */
  char proc_path[64];
} call_t;

static void call_free(call_t *c) {
  free(c->path);
  free(c->name);
  free(c->value);
  free(c);
}

/* ---- worker thread side: plain syscalls, no N-API ---- */

static void fail(call_t *c, const char *syscall) {
  c->err = errno;
  c->syscall = syscall;
}

static ssize_t get_xattr_into(call_t *c, char *buf, size_t size) {
  return c->kind == OP_GETXATTR ? getxattr(c->path, c->name, buf, size) : fgetxattr(c->fd, c->name, buf, size);
}

static void do_get_xattr(call_t *c) {
  const char *syscall = c->kind == OP_GETXATTR ? "getxattr" : "fgetxattr";
  for (;;) {
    ssize_t size = get_xattr_into(c, NULL, 0);
    if (size < 0) {
      if (errno == ENODATA) c->absent = true;
      else fail(c, syscall);
      return;
    }
    /* A size-0 call reports the length without copying: a second one would not read an empty value. */
    if (size == 0) return;
    char *buf = malloc((size_t)size);
    if (buf == NULL) {
      errno = ENOMEM;
      fail(c, syscall);
      return;
    }
    ssize_t got = get_xattr_into(c, buf, (size_t)size);
    if (got >= 0) {
      c->value = buf;
      c->value_len = (size_t)got;
      return;
    }
    free(buf);
    if (errno == ENODATA) {
      c->absent = true;
      return;
    }
    /* ERANGE: another writer grew the value between the two calls; size it again. */
    if (errno != ERANGE) {
      fail(c, syscall);
      return;
    }
  }
}

static void do_list_xattr(call_t *c) {
  for (;;) {
    ssize_t size = listxattr(c->path, NULL, 0);
    if (size < 0) {
      fail(c, "listxattr");
      return;
    }
    if (size == 0) return;
    char *buf = malloc((size_t)size);
    if (buf == NULL) {
      errno = ENOMEM;
      fail(c, "listxattr");
      return;
    }
    ssize_t got = listxattr(c->path, buf, (size_t)size);
    if (got >= 0) {
      c->value = buf;
      c->value_len = (size_t)got;
      return;
    }
    free(buf);
    if (errno != ERANGE) {
      fail(c, "listxattr");
      return;
    }
  }
}

/* A growing byte buffer for results built on the worker thread. */
typedef struct {
  char *data;
  size_t len, cap;
} bytes_t;

static bool bytes_put(bytes_t *b, const void *src, size_t n) {
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n) cap *= 2;
    char *grown = realloc(b->data, cap);
    if (grown == NULL) return false;
    b->data = grown;
    b->cap = cap;
  }
  memcpy(b->data + b->len, src, n);
  b->len += n;
  return true;
}

/* The NUL-separated names of fd's attributes, resized while another writer grows the list. */
static ssize_t flist_names(int fd, char **out) {
  for (;;) {
    ssize_t size = flistxattr(fd, NULL, 0);
    if (size <= 0) return size;
    char *buf = malloc((size_t)size);
    if (buf == NULL) {
      errno = ENOMEM;
      return -1;
    }
    ssize_t got = flistxattr(fd, buf, (size_t)size);
    if (got >= 0) {
      *out = buf;
      return got;
    }
    free(buf);
    if (errno != ERANGE) return -1;
  }
}

/* One attribute's value into `b` as [u32 length][bytes]; 0 when it vanished meanwhile (ENODATA), -1 on error. */
static int fget_value(int fd, const char *name, bytes_t *b) {
  for (;;) {
    ssize_t size = fgetxattr(fd, name, NULL, 0);
    if (size < 0) return errno == ENODATA ? 0 : -1;
    char *buf = malloc(size > 0 ? (size_t)size : 1);
    if (buf == NULL) {
      errno = ENOMEM;
      return -1;
    }
    ssize_t got = size > 0 ? fgetxattr(fd, name, buf, (size_t)size) : 0;
    if (got >= 0) {
      uint32_t len = (uint32_t)got;
      bool ok = bytes_put(b, &len, sizeof len) && bytes_put(b, buf, (size_t)got);
      free(buf);
      if (!ok) errno = ENOMEM;
      return ok ? 1 : -1;
    }
    free(buf);
    if (errno == ENODATA) return 0;
    if (errno != ERANGE) return -1;
  }
}

/* Every `user.` attribute of fd, names and values, in one pass on the worker thread: what a GET
 * needs of an object's metadata in one call instead of a list and a call per attribute. The
 * result is records of [u32 name length][name][u32 value length][value]. */
static void do_read_user_xattrs(call_t *c) {
  char *names = NULL;
  ssize_t size = flist_names(c->fd, &names);
  if (size < 0) {
    fail(c, "flistxattr");
    return;
  }
  bytes_t out = {0};
  for (ssize_t at = 0; at < size;) {
    const char *name = names + at;
    size_t n = strnlen(name, (size_t)(size - at));
    at += (ssize_t)n + 1;
    if (n <= 5 || strncmp(name, "user.", 5) != 0) continue;
    size_t mark = out.len;
    uint32_t name_len = (uint32_t)n;
    if (!bytes_put(&out, &name_len, sizeof name_len) || !bytes_put(&out, name, n)) {
      errno = ENOMEM;
      fail(c, "fgetxattr");
      break;
    }
    int got = fget_value(c->fd, name, &out);
    if (got < 0) {
      fail(c, "fgetxattr");
      break;
    }
    if (got == 0) out.len = mark; /* removed between the list and the read: leave it out */
  }
  free(names);
  if (c->err != 0) {
    free(out.data);
    return;
  }
  c->value = out.data;
  c->value_len = out.len;
}

static bool lacks_tmpfile(int err) {
  /* What open() says when the file system (or an old kernel) has no O_TMPFILE. */
  return err == EOPNOTSUPP || err == ENOTSUP || err == EISDIR || err == EINVAL;
}

static bool lacks_direct_io(int err) {
  /* What open() says when the file system takes no O_DIRECT (tmpfs before Linux 6.6, some FUSE). */
  return err == EINVAL || err == EOPNOTSUPP || err == ENOTSUP;
}

static bool lacks_fallocate(int err) {
  /* What fallocate() says when the file system cannot reserve blocks (NFSv3, some FUSE, old kernels). */
  return err == EOPNOTSUPP || err == ENOTSUP || err == ENOSYS;
}

static bool lacks_clone(int err) {
  /* What FICLONERANGE says when the file system shares no extents (ext4, tmpfs) or not for this
   * range (EINVAL: offsets off the block grid). */
  return err == EOPNOTSUPP || err == ENOTSUP || err == ENOTTY || err == EXDEV || err == EINVAL || err == ENOSYS;
}

static void do_clone_range(call_t *c) {
  struct file_clone_range range = {
      .src_fd = c->fd,
      .src_offset = (uint64_t)c->off_in,
      .src_length = (uint64_t)c->length,
      .dest_offset = (uint64_t)c->off_out,
  };
  if (ioctl(c->fd_out, FICLONERANGE, &range) == 0) c->result = 1;
  else if (!lacks_clone(errno)) fail(c, "ioctl_ficlonerange");
}

/* The largest pipe an unprivileged process may make (fs.pipe-max-size's default). */
#define SPLICE_PIPE_BYTES (1 << 20)

static void do_splice_copy(call_t *c) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) < 0) {
    fail(c, "pipe2");
    return;
  }
  /* copy_file_range's own pipe holds 64 KiB, so into an O_DIRECT descriptor it writes 64 KiB at
   * a time, each a round trip to the device. A private 1 MiB pipe makes each write 16 times
   * larger. Refused (the user's pipe-user-pages-soft is spent): the default size still works. */
  int capacity = fcntl(pipe_fds[1], F_SETPIPE_SZ, SPLICE_PIPE_BYTES);
  if (capacity <= 0) capacity = fcntl(pipe_fds[1], F_GETPIPE_SZ);
  if (capacity <= 0) capacity = 65536;

  loff_t in = (loff_t)c->off_in;
  loff_t out = (loff_t)c->off_out;
  int64_t total = 0;
  while (total < c->length) {
    int64_t left = c->length - total;
    size_t want = left > capacity ? (size_t)capacity : (size_t)left;
    ssize_t taken = splice(c->fd, &in, pipe_fds[1], NULL, want, SPLICE_F_MOVE);
    if (taken < 0) {
      if (errno == EINTR) continue;
      fail(c, "splice");
      break;
    }
    if (taken == 0) break; /* end of input */
    /* The pipe is private and was empty: it holds exactly the bytes just taken. */
    for (ssize_t pending = taken; pending > 0;) {
      ssize_t put = splice(pipe_fds[0], NULL, c->fd_out, &out, (size_t)pending, SPLICE_F_MOVE);
      if (put < 0 && errno == EINTR) continue;
      if (put <= 0) {
        if (put == 0) errno = EIO;
        fail(c, "splice");
        break;
      }
      pending -= put;
    }
    if (c->err != 0) break;
    total += taken;
  }
  c->result = total;
  close(pipe_fds[0]);
  close(pipe_fds[1]);
}

static void do_copy_file_range(call_t *c) {
#ifdef SYS_copy_file_range
  /* Explicit offsets leave both descriptors' file positions alone, so parts can be
   * copied into one file concurrently. The raw syscall, not glibc's wrapper: some glibc
   * versions emulate it in user space, which would hide the ENOSYS/EXDEV the caller's
   * fallback relies on. */
  loff_t in = (loff_t)c->off_in;
  loff_t out = (loff_t)c->off_out;
  int64_t total = 0;
  while (total < c->length) {
    int64_t left = c->length - total;
    size_t chunk = left > (1 << 30) ? (size_t)1 << 30 : (size_t)left;
    ssize_t n = syscall(SYS_copy_file_range, c->fd, &in, c->fd_out, &out, chunk, 0u);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(c, "copy_file_range");
      return;
    }
    if (n == 0) break; /* end of input */
    total += n;
  }
  c->result = total;
#else
  errno = ENOSYS;
  fail(c, "copy_file_range");
#endif
}

static void execute(napi_env env, void *data) {
  (void)env;
  call_t *c = data;
  switch (c->kind) {
    case OP_GETXATTR:
    case OP_FGETXATTR:
      do_get_xattr(c);
      break;
    case OP_SETXATTR:
      if (setxattr(c->path, c->name, c->value, c->value_len, 0) < 0) fail(c, "setxattr");
      break;
    case OP_FSETXATTR:
      if (fsetxattr(c->fd, c->name, c->value, c->value_len, 0) < 0) fail(c, "fsetxattr");
      break;
    case OP_REMOVEXATTR:
      if (removexattr(c->path, c->name) < 0 && errno != ENODATA) fail(c, "removexattr");
      break;
    case OP_LISTXATTR:
      do_list_xattr(c);
      break;
    case OP_READ_USER_XATTRS:
      do_read_user_xattrs(c);
      break;
    case OP_OPEN_TMPFILE: {
      int fd = open(c->path, O_TMPFILE | O_RDWR | O_CLOEXEC, 0644);
      if (fd >= 0) c->result = fd;
      else if (lacks_tmpfile(errno)) c->absent = true;
      else fail(c, "open");
      break;
    }
    case OP_LINK_TMPFILE:
      /* AT_SYMLINK_FOLLOW through /proc works for unprivileged users; AT_EMPTY_PATH would need CAP_DAC_READ_SEARCH. */
      if (linkat(AT_FDCWD, c->proc_path, AT_FDCWD, c->path, AT_SYMLINK_FOLLOW) < 0) fail(c, "linkat");
      break;
    case OP_COPY_FILE_RANGE:
      do_copy_file_range(c);
      break;
    case OP_START_WRITEBACK:
      /* Queues the range for writeback and returns: the device writes while the caller goes
       * on, instead of everything waiting for one fdatasync at the end. */
      if (sync_file_range(c->fd, (off64_t)c->off_in, (off64_t)c->length, SYNC_FILE_RANGE_WRITE) < 0) fail(c, "sync_file_range");
      break;
    case OP_OPEN_DIRECT: {
      /* A second description of the same file, write-only and O_DIRECT: toggling O_DIRECT on the
       * caller's descriptor with fcntl would race with its buffered writes on other threads. */
      int fd = open(c->proc_path, O_WRONLY | O_DIRECT | O_CLOEXEC);
      if (fd >= 0) c->result = fd;
      else if (lacks_direct_io(errno)) c->absent = true;
      else fail(c, "open");
      break;
    }
    case OP_CLONE_RANGE:
      do_clone_range(c);
      break;
    case OP_SPLICE_COPY:
      do_splice_copy(c);
      break;
    case OP_PREALLOCATE:
      /* Mode 0: reserves the blocks and sets the size, so later writes neither extend the file
       * nor allocate, and ENOSPC comes now rather than half way through a copy. */
      if (fallocate(c->fd, 0, 0, (off_t)c->length) == 0) c->result = 1;
      else if (!lacks_fallocate(errno)) fail(c, "fallocate");
      break;
  }
}

/* ---- main thread side: building results and errors ---- */

/* Shared with the other files of the addon (plain_error.h). */
napi_value plain_error(napi_env env, const char *code, const char *message, bool type_error) {
  napi_value js_code, js_message, error;
  napi_create_string_utf8(env, code, NAPI_AUTO_LENGTH, &js_code);
  napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &js_message);
  if (type_error) napi_create_type_error(env, js_code, js_message, &error);
  else napi_create_error(env, js_code, js_message, &error);
  return error;
}

static napi_value errno_error(napi_env env, const call_t *c) {
  const char *path = NULL;
  const char *dest = NULL;
  switch (c->kind) {
    case OP_LINK_TMPFILE:
      path = c->proc_path;
      dest = c->path;
      break;
    case OP_FGETXATTR:
    case OP_FSETXATTR:
    case OP_COPY_FILE_RANGE:
      break;
    default:
      path = c->path;
  }
  return node_errno_error(env, c->err, c->syscall, path, dest);
}

static napi_value name_list(napi_env env, const call_t *c) {
  napi_value list;
  napi_create_array(env, &list);
  uint32_t i = 0;
  size_t at = 0;
  while (at < c->value_len) {
    /* The kernel's list is NUL-separated and NUL-terminated; don't trust the last one blindly. */
    size_t n = strnlen(c->value + at, c->value_len - at);
    if (n > 0) {
      napi_value s;
      napi_create_string_utf8(env, c->value + at, n, &s);
      napi_set_element(env, list, i++, s);
    }
    at += n + 1;
  }
  return list;
}

static napi_value attribute_map(napi_env env, const call_t *c) {
  napi_value map;
  napi_create_object(env, &map);
  size_t at = 0;
  while (at + 4 <= c->value_len) {
    uint32_t name_len, value_len;
    memcpy(&name_len, c->value + at, 4);
    const char *name = c->value + at + 4;
    memcpy(&value_len, name + name_len, 4);
    const char *value = name + name_len + 4;
    napi_value key, buffer;
    napi_create_string_utf8(env, name, name_len, &key);
    napi_create_buffer_copy(env, value_len, value, NULL, &buffer);
    napi_set_property(env, map, key, buffer);
    at += 8 + (size_t)name_len + value_len;
  }
  return map;
}

static napi_value success_value(napi_env env, call_t *c) {
  napi_value v = NULL;
  if (c->absent) {
    napi_get_undefined(env, &v);
    return v;
  }
  switch (c->kind) {
    case OP_GETXATTR:
    case OP_FGETXATTR:
      napi_create_buffer_copy(env, c->value_len, c->value, NULL, &v);
      break;
    case OP_LISTXATTR:
      v = name_list(env, c);
      break;
    case OP_READ_USER_XATTRS:
      v = attribute_map(env, c);
      break;
    case OP_OPEN_TMPFILE:
    case OP_OPEN_DIRECT:
    case OP_COPY_FILE_RANGE:
    case OP_SPLICE_COPY:
      napi_create_int64(env, c->result, &v);
      break;
    case OP_PREALLOCATE:
    case OP_CLONE_RANGE:
      napi_get_boolean(env, c->result == 1, &v);
      break;
    default:
      napi_get_undefined(env, &v);
  }
  return v;
}

static void complete(napi_env env, napi_status status, void *data) {
  call_t *c = data;
  if (status != napi_ok) {
    /* Cancelled before it ran (environment teardown): nothing was done. */
    napi_reject_deferred(env, c->deferred, plain_error(env, "ECANCELED", "native call cancelled", false));
  } else if (c->err != 0) {
    napi_reject_deferred(env, c->deferred, errno_error(env, c));
  } else {
    napi_value v = success_value(env, c);
    if (v == NULL) {
      /* Out of JS memory: a descriptor nobody will ever see must not leak. */
      if ((c->kind == OP_OPEN_TMPFILE || c->kind == OP_OPEN_DIRECT) && !c->absent) close((int)c->result);
      napi_reject_deferred(env, c->deferred, plain_error(env, "ENOMEM", "cannot build native call result", false));
    } else {
      napi_resolve_deferred(env, c->deferred, v);
    }
  }
  napi_delete_async_work(env, c->work);
  call_free(c);
}

/* ---- argument parsing: failures reject the promise, as fs.promises does ---- */

typedef struct {
  napi_env env;
  napi_value args[5];
  size_t argc;
  const char *error_code; /* set by the first bad argument */
  char error_message[160];
} args_t;

static bool bad_arg(args_t *a, const char *code, const char *fmt, const char *what) {
  if (a->error_code == NULL) {
    a->error_code = code;
    snprintf(a->error_message, sizeof a->error_message, fmt, what);
  }
  return false;
}

static bool arg_string(args_t *a, size_t i, const char *what, char **out) {
  napi_valuetype type = napi_undefined;
  if (i < a->argc) napi_typeof(a->env, a->args[i], &type);
  if (type != napi_string) return bad_arg(a, "ERR_INVALID_ARG_TYPE", "The \"%s\" argument must be of type string", what);
  size_t len = 0;
  napi_get_value_string_utf8(a->env, a->args[i], NULL, 0, &len);
  char *s = malloc(len + 1);
  if (s == NULL) return bad_arg(a, "ENOMEM", "cannot copy the \"%s\" argument", what);
  napi_get_value_string_utf8(a->env, a->args[i], s, len + 1, &len);
  /* An embedded NUL would silently cut the path short in the syscall: refuse it, as Node's fs does. */
  if (strlen(s) != len) {
    free(s);
    return bad_arg(a, "ERR_INVALID_ARG_VALUE", "The \"%s\" argument must be a string without null bytes", what);
  }
  *out = s;
  return true;
}

static bool arg_integer(args_t *a, size_t i, const char *what, double max, int64_t *out) {
  napi_valuetype type = napi_undefined;
  if (i < a->argc) napi_typeof(a->env, a->args[i], &type);
  if (type != napi_number) return bad_arg(a, "ERR_INVALID_ARG_TYPE", "The \"%s\" argument must be of type number", what);
  double d = 0;
  napi_get_value_double(a->env, a->args[i], &d);
  if (!(d >= 0 && d <= max) || d != (double)(int64_t)d)
    return bad_arg(a, "ERR_OUT_OF_RANGE", "The \"%s\" argument must be a non-negative safe integer", what);
  *out = (int64_t)d;
  return true;
}

static bool arg_fd(args_t *a, size_t i, const char *what, int *out) {
  int64_t v = 0;
  if (!arg_integer(a, i, what, 2147483647.0, &v)) return false;
  *out = (int)v;
  return true;
}

static bool arg_bytes(args_t *a, size_t i, const char *what, char **out, size_t *out_len) {
  bool is_buffer = false;
  if (i < a->argc) napi_is_buffer(a->env, a->args[i], &is_buffer);
  if (!is_buffer) return bad_arg(a, "ERR_INVALID_ARG_TYPE", "The \"%s\" argument must be a Buffer", what);
  void *data = NULL;
  size_t len = 0;
  napi_get_buffer_info(a->env, a->args[i], &data, &len);
  /* Copied: the worker thread must not read memory the JS side may change or collect. */
  char *copy = malloc(len > 0 ? len : 1);
  if (copy == NULL) return bad_arg(a, "ENOMEM", "cannot copy the \"%s\" argument", what);
  if (len > 0) memcpy(copy, data, len);
  *out = copy;
  *out_len = len;
  return true;
}

static bool parse_args(args_t *a, call_t *c) {
  switch (c->kind) {
    case OP_GETXATTR:
    case OP_REMOVEXATTR:
      return arg_string(a, 0, "path", &c->path) && arg_string(a, 1, "name", &c->name);
    case OP_SETXATTR:
      return arg_string(a, 0, "path", &c->path) && arg_string(a, 1, "name", &c->name) &&
             arg_bytes(a, 2, "value", &c->value, &c->value_len);
    case OP_LISTXATTR:
      return arg_string(a, 0, "path", &c->path);
    case OP_FGETXATTR:
      return arg_fd(a, 0, "fd", &c->fd) && arg_string(a, 1, "name", &c->name);
    case OP_FSETXATTR:
      return arg_fd(a, 0, "fd", &c->fd) && arg_string(a, 1, "name", &c->name) &&
             arg_bytes(a, 2, "value", &c->value, &c->value_len);
    case OP_OPEN_TMPFILE:
      return arg_string(a, 0, "dir", &c->path);
    case OP_LINK_TMPFILE:
      if (!arg_fd(a, 0, "fd", &c->fd) || !arg_string(a, 1, "target", &c->path)) return false;
      snprintf(c->proc_path, sizeof c->proc_path, "/proc/self/fd/%d", c->fd);
      return true;
    case OP_COPY_FILE_RANGE:
    case OP_CLONE_RANGE:
    case OP_SPLICE_COPY: {
      const double max_safe = 9007199254740991.0;
      return arg_fd(a, 0, "fdIn", &c->fd) && arg_integer(a, 1, "offIn", max_safe, &c->off_in) &&
             arg_fd(a, 2, "fdOut", &c->fd_out) && arg_integer(a, 3, "offOut", max_safe, &c->off_out) &&
             arg_integer(a, 4, "length", max_safe, &c->length);
    }
    case OP_START_WRITEBACK: {
      const double max_safe = 9007199254740991.0;
      return arg_fd(a, 0, "fd", &c->fd) && arg_integer(a, 1, "offset", max_safe, &c->off_in) &&
             arg_integer(a, 2, "length", max_safe, &c->length);
    }
    case OP_READ_USER_XATTRS:
      return arg_fd(a, 0, "fd", &c->fd);
    case OP_OPEN_DIRECT:
      if (!arg_fd(a, 0, "fd", &c->fd)) return false;
      snprintf(c->proc_path, sizeof c->proc_path, "/proc/self/fd/%d", c->fd);
      return true;
    case OP_PREALLOCATE:
      return arg_fd(a, 0, "fd", &c->fd) && arg_integer(a, 1, "length", 9007199254740991.0, &c->length);
  }
  return false;
}

static const char *resource_names[] = {
    "tracegw.getXattr",     "tracegw.setXattr",    "tracegw.removeXattr",
    "tracegw.listXattr",    "tracegw.fgetXattr",   "tracegw.fsetXattr",
    "tracegw.openTmpFile",  "tracegw.linkTmpFile", "tracegw.copyFileRange",
    "tracegw.startWriteback", "tracegw.openDirect",  "tracegw.preallocate",
    "tracegw.cloneRange",     "tracegw.spliceCopy",  "tracegw.readUserXattrs",
};

/* Shared entry point: parse, queue on the thread pool, hand back the promise. */
static napi_value start(napi_env env, napi_callback_info info, op_kind kind) {
  args_t a = {.env = env, .argc = 5};
  napi_get_cb_info(env, info, &a.argc, a.args, NULL, NULL);

  napi_value promise;
  napi_deferred deferred;
  if (napi_create_promise(env, &deferred, &promise) != napi_ok) return NULL;

  call_t *c = calloc(1, sizeof *c);
  if (c == NULL) {
    napi_reject_deferred(env, deferred, plain_error(env, "ENOMEM", "cannot start native call", false));
    return promise;
  }
  c->kind = kind;
  c->deferred = deferred;
  if (!parse_args(&a, c)) {
    bool type_error = strcmp(a.error_code, "ENOMEM") != 0;
    napi_reject_deferred(env, deferred, plain_error(env, a.error_code, a.error_message, type_error));
    call_free(c);
    return promise;
  }

  napi_value resource_name;
  napi_create_string_utf8(env, resource_names[kind], NAPI_AUTO_LENGTH, &resource_name);
  if (napi_create_async_work(env, NULL, resource_name, execute, complete, c, &c->work) != napi_ok ||
      napi_queue_async_work(env, c->work) != napi_ok) {
    if (c->work != NULL) napi_delete_async_work(env, c->work);
    napi_reject_deferred(env, deferred, plain_error(env, "ERR_NATIVE", "cannot queue native call", false));
    call_free(c);
  }
  return promise;
}

/* ---- synchronous: memory for O_DIRECT ---- */

static void free_aligned(napi_env env, void *data, void *hint) {
  int64_t ignored;
  /* Tell V8 the memory is gone, as it was told it came (hint holds the size). */
  napi_adjust_external_memory(env, -(int64_t)(uintptr_t)hint, &ignored);
  free(data);
}

/* allocAligned(size): a Buffer whose memory starts on a 4 KiB boundary, as O_DIRECT reads and
 * writes need (Node's own Buffers promise no alignment). Counted as external memory, so V8
 * collects unused ones as promptly as its own Buffers; freed with the Buffer. */
static napi_value alloc_aligned(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value arg;
  napi_get_cb_info(env, info, &argc, &arg, NULL, NULL);
  args_t a = {.env = env, .argc = argc, .args = {arg}};
  int64_t size = 0;
  if (!arg_integer(&a, 0, "size", (double)(1u << 30), &size) || size == 0) {
    napi_throw_range_error(env, "ERR_OUT_OF_RANGE", "The \"size\" argument must be an integer from 1 to 2^30");
    return NULL;
  }
  void *memory = NULL;
  if (posix_memalign(&memory, 4096, (size_t)size) != 0) {
    napi_throw_error(env, "ENOMEM", "cannot allocate an aligned buffer");
    return NULL;
  }
  napi_value buffer;
  if (napi_create_external_buffer(env, (size_t)size, memory, free_aligned, (void *)(uintptr_t)size, &buffer) != napi_ok) {
    free(memory);
    return NULL;
  }
  int64_t ignored;
  napi_adjust_external_memory(env, size, &ignored);
  return buffer;
}

#define ENTRY(fn, kind) \
  static napi_value fn(napi_env env, napi_callback_info info) { return start(env, info, kind); }

ENTRY(get_xattr, OP_GETXATTR)
ENTRY(set_xattr, OP_SETXATTR)
ENTRY(remove_xattr, OP_REMOVEXATTR)
ENTRY(list_xattr, OP_LISTXATTR)
ENTRY(fget_xattr, OP_FGETXATTR)
ENTRY(fset_xattr, OP_FSETXATTR)
ENTRY(open_tmp_file, OP_OPEN_TMPFILE)
ENTRY(link_tmp_file, OP_LINK_TMPFILE)
ENTRY(copy_file_range_js, OP_COPY_FILE_RANGE)
ENTRY(start_writeback, OP_START_WRITEBACK)
ENTRY(open_direct, OP_OPEN_DIRECT)
ENTRY(preallocate, OP_PREALLOCATE)
ENTRY(clone_range, OP_CLONE_RANGE)
ENTRY(splice_copy, OP_SPLICE_COPY)
ENTRY(read_user_xattrs, OP_READ_USER_XATTRS)

NAPI_MODULE_INIT() {
  napi_property_descriptor props[] = {
      {"getXattr", NULL, get_xattr, NULL, NULL, NULL, napi_enumerable, NULL},
      {"setXattr", NULL, set_xattr, NULL, NULL, NULL, napi_enumerable, NULL},
      {"removeXattr", NULL, remove_xattr, NULL, NULL, NULL, napi_enumerable, NULL},
      {"listXattr", NULL, list_xattr, NULL, NULL, NULL, napi_enumerable, NULL},
      {"fgetXattr", NULL, fget_xattr, NULL, NULL, NULL, napi_enumerable, NULL},
      {"fsetXattr", NULL, fset_xattr, NULL, NULL, NULL, napi_enumerable, NULL},
      {"openTmpFile", NULL, open_tmp_file, NULL, NULL, NULL, napi_enumerable, NULL},
      {"linkTmpFile", NULL, link_tmp_file, NULL, NULL, NULL, napi_enumerable, NULL},
      {"copyFileRange", NULL, copy_file_range_js, NULL, NULL, NULL, napi_enumerable, NULL},
      {"startWriteback", NULL, start_writeback, NULL, NULL, NULL, napi_enumerable, NULL},
      {"openDirect", NULL, open_direct, NULL, NULL, NULL, napi_enumerable, NULL},
      {"preallocate", NULL, preallocate, NULL, NULL, NULL, napi_enumerable, NULL},
      {"cloneRange", NULL, clone_range, NULL, NULL, NULL, napi_enumerable, NULL},
      {"spliceCopy", NULL, splice_copy, NULL, NULL, NULL, napi_enumerable, NULL},
      {"readUserXattrs", NULL, read_user_xattrs, NULL, NULL, NULL, napi_enumerable, NULL},
      {"allocAligned", NULL, alloc_aligned, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  if (napi_define_properties(env, exports, sizeof props / sizeof props[0], props) != napi_ok) return NULL;
  if (register_checksums(env, exports) != napi_ok) return NULL;
  if (register_open_object(env, exports) != napi_ok) return NULL;
  if (register_listing(env, exports) != napi_ok) return NULL;
  if (register_object_write(env, exports) != napi_ok) return NULL;
  if (register_sigv4(env, exports) != napi_ok) return NULL;
  if (register_socket_send(env, exports) != napi_ok) return NULL;
  if (register_scoutfs_move_blocks(env, exports) != napi_ok) return NULL;
  return exports;
}
