/*
 * openObject: everything a GET or HEAD needs of an object in one trip through libuv's thread
 * pool. Opening the object confined to its bucket by the kernel (openat2 RESOLVE_BENEATH, so no
 * realpath or /proc readlink afterwards), fstat, every `user.` attribute and, for small objects,
 * the data, instead of the seven or eight trips the same work takes through node:fs.
 *
 * openObject(rootFd, bucket, path, readLimit) resolves
 *   [fd, kind, size, mtimeMs, attrs, data]
 * readLimit: read the data whole when the file has at most this many bytes; -1: describe only
 *        (HEAD), closing the descriptor; -2: keep the descriptor open, read nothing.
 * fd:    the open descriptor, or -1 when it was closed here (data read whole, -1, or a
 *        directory with readLimit >= 0);
 * kind:  0 regular file, 1 directory, 2 anything else (FIFO, device, socket: never an object);
 * attrs: [name, value, name, value, ...] of the `user.` attributes, as UTF-8 strings;
 * data:  a Buffer of the whole file when it is a regular file of at most readLimit bytes.
 * It rejects with a Node-style errno error whose `scope` says what failed to open: 'bucket'
 * (no such bucket, or it resolves outside the root or to the root itself: EXDEV) or 'key'.
 * ENOSYS (no openat2: Linux before 5.6, or a seccomp filter) tells the caller to use node:fs.
 *
 * openObjectCached(rootFd, bucket, path, readLimit) does the same on the calling (main) thread,
 * returning the array itself, but only for what the kernel holds in memory: the path resolved
 * from the dentry cache alone (RESOLVE_CACHED) and the data read from the page cache alone
 * (RWF_NOWAIT). It returns undefined when something would have to come from the disk (the caller
 * then takes the thread-pool trip), null when this kernel or file system cannot say (RESOLVE_CACHED
 * needs Linux 5.12: the caller stops asking), and throws the same errors as openObject. fstat and
 * the attributes of an inode just opened are read from memory. A small GET of a hot object
 * then costs no thread hand-off, which on one core costs more than the whole open (two context
 * switches, a futex wake and an eventfd round trip per request). Its bucket may also be given as
 * the descriptor openBucketCached returned, which saves resolving and checking the bucket (an
 * openat2, a close and two fstat) on every request; only ever synchronously, so the caller can
 * close a descriptor it caches between calls without racing a job that still uses it.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <node_api.h>

#include "errno_name.h"
#include "open_object.h"
#include "plain_error.h"

typedef struct {
  napi_async_work work;
  napi_deferred deferred;
  int root_fd;
  char *bucket;
  char *path;
  int64_t read_limit;
  /* openObjectCached: nothing may wait on the disk; not_cached says what stopped it. */
  bool cached_only;
  int not_cached;
  /* The bucket's directory, already open and checked (openBucketCached): -1 to open it by name. */
  int bucket_fd;

  int err;
  const char *syscall;
  const char *scope;
  int fd;
  int kind;
  int64_t size;
  double mtime_ms;
  char *names; /* flistxattr's NUL-separated list */
  ssize_t names_len;
  char **values; /* one per name; NULL where not a user. attribute or gone meanwhile */
  size_t *value_lens;
  char *data;
  size_t data_len;
} open_call_t;

static void open_call_free(open_call_t *c) {
  if (c->values != NULL) {
    for (ssize_t i = 0; i < c->names_len; i++) free(c->values[i]);
  }
  free(c->values);
  free(c->value_lens);
  free(c->names);
  free(c->data);
  free(c->bucket);
  free(c->path);
  free(c);
}

static void open_fail(open_call_t *c, const char *syscall, const char *scope) {
  c->err = errno;
  c->syscall = syscall;
  c->scope = scope;
}

/* not_cached: try again on the thread pool; or never ask again (RESOLVE_CACHED or RWF_NOWAIT unknown here). */
enum { NOT_CACHED_NOW = 1, NOT_CACHED_EVER = 2 };

static int open_beneath(int dir_fd, const char *path, uint64_t flags, bool cached_only) {
  /* RESOLVE_BENEATH: no `..` or absolute symlink may leave dir_fd (EXDEV); NO_MAGICLINKS: no
   * /proc/self/fd-style jump either. Symlinks that stay inside are followed, as before. */
  struct open_how how = {.flags = flags | O_CLOEXEC, .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS | (cached_only ? RESOLVE_CACHED : 0)};
  long fd;
  /* EAGAIN: a rename elsewhere raced the lookup and the kernel asks to retry; with RESOLVE_CACHED
   * it also means a component is not in the dentry cache, which the thread pool's open handles. */
  do fd = syscall(SYS_openat2, dir_fd, path, &how, sizeof how);
  while (fd < 0 && errno == EAGAIN && !cached_only);
  return (int)fd;
}

/* After a failed open_beneath in cached mode: true when the answer is "not from memory", recorded in c. */
static bool open_not_cached(open_call_t *c) {
  if (!c->cached_only) return false;
  if (errno == EAGAIN) c->not_cached = NOT_CACHED_NOW;
  else if (errno == EINVAL) c->not_cached = NOT_CACHED_EVER; /* a kernel before 5.12 refuses RESOLVE_CACHED */
  return c->not_cached != 0;
}

/* Values and name lists this small (ETags, content types, checksums: nearly all) are read in one
 * call; larger ones are sized first. */
#define SMALL_ATTR_BYTES 1024

static char *copy_out(const char *src, size_t n) {
  char *copy = malloc(n > 0 ? n : 1);
  if (copy == NULL) errno = ENOMEM;
  else memcpy(copy, src, n);
  return copy;
}

/* Reads one attribute's value, resized while another writer grows it; false on error, with the
 * value left NULL when it vanished meanwhile. */
static bool read_value(int fd, const char *name, char **out, size_t *out_len) {
  char small[SMALL_ATTR_BYTES];
  ssize_t got = fgetxattr(fd, name, small, sizeof small);
  if (got >= 0) {
    *out = copy_out(small, (size_t)got);
    *out_len = (size_t)got;
    return *out != NULL;
  }
  if (errno == ENODATA) return true;
  if (errno != ERANGE) return false;
  for (;;) {
    ssize_t size = fgetxattr(fd, name, NULL, 0);
    if (size < 0) return errno == ENODATA;
    char *buf = malloc(size > 0 ? (size_t)size : 1);
    if (buf == NULL) {
      errno = ENOMEM;
      return false;
    }
    ssize_t got = size > 0 ? fgetxattr(fd, name, buf, (size_t)size) : 0;
    if (got >= 0) {
      *out = buf;
      *out_len = (size_t)got;
      return true;
    }
    free(buf);
    if (errno == ENODATA) return true;
    if (errno != ERANGE) return false;
  }
}

static bool read_user_attrs(open_call_t *c) {
  char small[SMALL_ATTR_BYTES];
  ssize_t listed = flistxattr(c->fd, small, sizeof small);
  if (listed == 0) return true;
  if (listed > 0) {
    c->names = copy_out(small, (size_t)listed);
    if (c->names == NULL) return false;
    c->names_len = listed;
  } else if (errno != ERANGE) {
    return false;
  }
  while (c->names == NULL) {
    ssize_t size = flistxattr(c->fd, NULL, 0);
    if (size < 0) return false;
    if (size == 0) return true;
    c->names = malloc((size_t)size);
    if (c->names == NULL) {
      errno = ENOMEM;
      return false;
    }
    c->names_len = flistxattr(c->fd, c->names, (size_t)size);
    if (c->names_len >= 0) break;
    free(c->names);
    c->names = NULL;
    c->names_len = 0;
    if (errno != ERANGE) return false;
  }
  /* One slot per byte of the list bounds the number of names without counting them first. */
  c->values = calloc((size_t)c->names_len, sizeof *c->values);
  c->value_lens = calloc((size_t)c->names_len, sizeof *c->value_lens);
  if (c->values == NULL || c->value_lens == NULL) {
    errno = ENOMEM;
    return false;
  }
  for (ssize_t at = 0; at < c->names_len;) {
    const char *name = c->names + at;
    size_t n = strnlen(name, (size_t)(c->names_len - at));
    if (n > 5 && strncmp(name, "user.", 5) == 0 && !read_value(c->fd, name, &c->values[at], &c->value_lens[at])) return false;
    at += (ssize_t)n + 1;
  }
  return true;
}

static bool read_whole(open_call_t *c) {
  size_t want = (size_t)c->size;
  c->data = malloc(want > 0 ? want : 1);
  if (c->data == NULL) {
    errno = ENOMEM;
    return false;
  }
  while (c->data_len < want) {
    ssize_t got;
    if (c->cached_only) {
      struct iovec iov = {.iov_base = c->data + c->data_len, .iov_len = want - c->data_len};
      got = preadv2(c->fd, &iov, 1, (off_t)c->data_len, RWF_NOWAIT);
      /* Not all in the page cache (EAGAIN, or a short read that may be just that): the pool reads it. */
      if ((got < 0 && errno == EAGAIN) || (got >= 0 && (size_t)got < want - c->data_len)) {
        c->not_cached = NOT_CACHED_NOW;
        return true;
      }
      if (got < 0 && errno == EOPNOTSUPP) {
        c->not_cached = NOT_CACHED_EVER;
        return true;
      }
    } else {
      got = pread(c->fd, c->data + c->data_len, want - c->data_len, (off_t)c->data_len);
    }
    if (got < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (got == 0) break; /* truncated by another writer since fstat: serve what is there */
    c->data_len += (size_t)got;
  }
  c->size = (int64_t)c->data_len;
  return true;
}

/* The bucket's directory beneath the root, refused when it is the root itself; -1 with c's error set. */
static int open_bucket(open_call_t *c) {
  int bucket_fd = open_beneath(c->root_fd, c->bucket, O_PATH | O_DIRECTORY, c->cached_only);
  if (bucket_fd < 0) {
    if (!open_not_cached(c)) open_fail(c, "openat2", "bucket");
    return -1;
  }
  struct stat root_st, bucket_st;
  if (fstat(c->root_fd, &root_st) < 0 || fstat(bucket_fd, &bucket_st) < 0) {
    open_fail(c, "fstat", "bucket");
    close(bucket_fd);
    return -1;
  }
  if (root_st.st_dev == bucket_st.st_dev && root_st.st_ino == bucket_st.st_ino) {
    /* A bucket that is a link to the root itself would serve the other buckets as its keys. */
    errno = EXDEV;
    open_fail(c, "openat2", "bucket");
    close(bucket_fd);
    return -1;
  }
  return bucket_fd;
}

static void execute_open(napi_env env, void *data) {
  open_call_t *c = data;
  c->fd = -1;
  bool own_bucket_fd = c->bucket_fd < 0;
  int bucket_fd = own_bucket_fd ? open_bucket(c) : c->bucket_fd;
  if (bucket_fd < 0) return;
  /* O_NONBLOCK: a FIFO planted in the tree cannot hang the open; it is refused by kind. */
  c->fd = open_beneath(bucket_fd, c->path, O_RDONLY | O_NONBLOCK, c->cached_only);
  if (own_bucket_fd) close(bucket_fd);
  if (c->fd < 0) {
    if (open_not_cached(c)) return;
    open_fail(c, "openat2", "key");
    return;
  }
  struct stat st;
  if (fstat(c->fd, &st) < 0) {
    open_fail(c, "fstat", "key");
    return;
  }
  c->kind = S_ISREG(st.st_mode) ? 0 : S_ISDIR(st.st_mode) ? 1 : 2;
  c->size = c->kind == 0 ? (int64_t)st.st_size : 0;
  c->mtime_ms = (double)st.st_mtim.tv_sec * 1000.0 + (double)(st.st_mtim.tv_nsec / 1000000);
  if (c->kind == 2) {
    /* not an object: no attributes or data to read */
    close(c->fd);
    c->fd = -1;
    return;
  }
  if (!read_user_attrs(c)) {
    open_fail(c, "fgetxattr", "key");
    return;
  }
  bool whole = c->kind == 0 && c->read_limit >= 0 && c->size <= c->read_limit;
  if (whole && !read_whole(c)) {
    open_fail(c, "read", "key");
    return;
  }
  if (c->not_cached != 0) {
    close(c->fd);
    c->fd = -1;
    return;
  }
  /* A directory object has no data to read, but one kept open may still have its tags set. */
  if (whole || c->read_limit == -1 || (c->kind == 1 && c->read_limit >= 0)) {
    close(c->fd);
    c->fd = -1;
  }
}

static napi_value open_error(napi_env env, const open_call_t *c) {
  const char *code = errno_name(c->err);
  char message[512];
  snprintf(message, sizeof message, "%s: %s, %s '%s'", code, strerror(c->err), c->syscall, strcmp(c->scope, "bucket") == 0 && c->bucket != NULL ? c->bucket : c->path);
  napi_value error = plain_error(env, code, message, false), v;
  napi_create_int32(env, -c->err, &v);
  napi_set_named_property(env, error, "errno", v);
  napi_create_string_utf8(env, c->syscall, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, error, "syscall", v);
  napi_create_string_utf8(env, c->scope, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, error, "scope", v);
  return error;
}

static void free_data(napi_env env, void *data, void *hint) {
  int64_t ignored;
  napi_adjust_external_memory(env, -(int64_t)(uintptr_t)hint, &ignored);
  free(data);
}

/* Data up to this size is copied into a Buffer V8 allocates and frees itself: an external Buffer
 * costs a finalizer (a weak handle and a callback on the event loop after the Buffer dies) and two
 * external-memory adjustments, more than copying a small object's bytes. Larger data is handed over. */
#define COPIED_DATA_BYTES (64 * 1024)

static napi_value open_result(napi_env env, open_call_t *c) {
  napi_value result, v, attrs;
  if (napi_create_array_with_length(env, 6, &result) != napi_ok) return NULL;
  napi_create_int32(env, c->fd, &v);
  napi_set_element(env, result, 0, v);
  napi_create_int32(env, c->kind, &v);
  napi_set_element(env, result, 1, v);
  napi_create_int64(env, c->size, &v);
  napi_set_element(env, result, 2, v);
  napi_create_double(env, c->mtime_ms, &v);
  napi_set_element(env, result, 3, v);
  napi_create_array(env, &attrs);
  uint32_t i = 0;
  for (ssize_t at = 0; at < c->names_len;) {
    const char *name = c->names + at;
    size_t n = strnlen(name, (size_t)(c->names_len - at));
    if (c->values != NULL && c->values[at] != NULL) {
      napi_create_string_utf8(env, name, n, &v);
      napi_set_element(env, attrs, i++, v);
      napi_create_string_utf8(env, c->values[at], c->value_lens[at], &v);
      napi_set_element(env, attrs, i++, v);
    }
    at += (ssize_t)n + 1;
  }
  napi_set_element(env, result, 4, attrs);
  if (c->data != NULL && c->data_len <= COPIED_DATA_BYTES) {
    if (napi_create_buffer_copy(env, c->data_len, c->data, NULL, &v) != napi_ok) return NULL;
  } else if (c->data != NULL) {
    /* Handed over without a copy: the Buffer frees it, and V8 counts it meanwhile. */
    if (napi_create_external_buffer(env, c->data_len, c->data, free_data, (void *)(uintptr_t)c->data_len, &v) != napi_ok) return NULL;
    int64_t ignored;
    napi_adjust_external_memory(env, (int64_t)c->data_len, &ignored);
    c->data = NULL;
  } else {
    napi_get_undefined(env, &v);
  }
  napi_set_element(env, result, 5, v);
  return result;
}

static void complete_open(napi_env env, napi_status status, void *data) {
  open_call_t *c = data;
  if (status != napi_ok) {
    if (c->fd >= 0) close(c->fd);
    napi_reject_deferred(env, c->deferred, plain_error(env, "ECANCELED", "native call cancelled", false));
  } else if (c->err != 0) {
    if (c->fd >= 0) close(c->fd);
    napi_reject_deferred(env, c->deferred, open_error(env, c));
  } else {
    napi_value result = open_result(env, c);
    if (result == NULL) {
      if (c->fd >= 0) close(c->fd);
      napi_reject_deferred(env, c->deferred, plain_error(env, "ENOMEM", "cannot build the openObject result", false));
    } else {
      napi_resolve_deferred(env, c->deferred, result);
    }
  }
  napi_delete_async_work(env, c->work);
  open_call_free(c);
}

/* A JS string argument as a fresh C string, refusing embedded NULs (they would cut the path). */
static char *string_arg(napi_env env, napi_value value) {
  size_t len = 0;
  if (napi_get_value_string_utf8(env, value, NULL, 0, &len) != napi_ok) return NULL;
  char *s = malloc(len + 1);
  if (s == NULL) return NULL;
  napi_get_value_string_utf8(env, value, s, len + 1, &len);
  if (strlen(s) != len || len == 0) {
    free(s);
    return NULL;
  }
  return s;
}

#define OPEN_USAGE "(rootFd, bucket, path, readLimit): a descriptor, two non-empty strings without NUL, a number"

/* The call's arguments, or NULL when they are not (rootFd, bucket, path, readLimit). */
static open_call_t *open_call_of(napi_env env, napi_callback_info info, bool bucket_fd_allowed) {
  size_t argc = 4;
  napi_value args[4];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  open_call_t *c = calloc(1, sizeof *c);
  int32_t root_fd = -1;
  int32_t bucket_fd = -1;
  double limit = -1;
  napi_valuetype bucket_type = napi_undefined;
  if (c != NULL) c->bucket_fd = -1;
  bool bucket_ok = argc == 4 && napi_typeof(env, args[1], &bucket_type) == napi_ok &&
                   (bucket_type == napi_number ? bucket_fd_allowed && napi_get_value_int32(env, args[1], &bucket_fd) == napi_ok && bucket_fd >= 0
                                               : c != NULL && (c->bucket = string_arg(env, args[1])) != NULL);
  bool ok = c != NULL && bucket_ok && napi_get_value_int32(env, args[0], &root_fd) == napi_ok && root_fd >= 0 &&
            napi_get_value_double(env, args[3], &limit) == napi_ok && limit >= -2 && limit <= 9007199254740991.0 &&
            (c->path = string_arg(env, args[2])) != NULL;
  if (!ok) {
    if (c != NULL) open_call_free(c);
    return NULL;
  }
  c->root_fd = root_fd;
  c->bucket_fd = bucket_fd;
  c->read_limit = (int64_t)limit;
  return c;
}

static napi_value open_object_cached(napi_env env, napi_callback_info info) {
  open_call_t *c = open_call_of(env, info, true);
  if (c == NULL) {
    napi_throw(env, plain_error(env, "ERR_INVALID_ARG_TYPE", "openObjectCached" OPEN_USAGE, true));
    return NULL;
  }
  c->cached_only = true;
  execute_open(env, c);
  napi_value result = NULL;
  if (c->not_cached != 0) {
    if (c->fd >= 0) close(c->fd);
    if (c->not_cached == NOT_CACHED_EVER) napi_get_null(env, &result);
    else napi_get_undefined(env, &result);
  } else if (c->err != 0) {
    if (c->fd >= 0) close(c->fd);
    napi_throw(env, open_error(env, c));
  } else {
    result = open_result(env, c);
    if (result == NULL) {
      if (c->fd >= 0) close(c->fd);
      napi_throw(env, plain_error(env, "ENOMEM", "cannot build the openObjectCached result", false));
    }
  }
  open_call_free(c);
  return result;
}

/*
 * openBucketCached(rootFd, bucket): the bucket's directory (O_PATH) beneath the root, from the
 * dentry cache alone, for openObjectCached to open keys beneath without resolving the bucket each
 * time. undefined when not in memory, null where RESOLVE_CACHED is unknown; throws openObject's
 * bucket errors (EXDEV for the root itself).
 */
static napi_value open_bucket_cached(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value args[2];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  open_call_t c = {.bucket_fd = -1, .fd = -1, .cached_only = true};
  int32_t root_fd = -1;
  if (argc != 2 || napi_get_value_int32(env, args[0], &root_fd) != napi_ok || root_fd < 0 || (c.bucket = string_arg(env, args[1])) == NULL) {
    napi_throw(env, plain_error(env, "ERR_INVALID_ARG_TYPE", "openBucketCached(rootFd, bucket): a descriptor and a non-empty string without NUL", true));
    return NULL;
  }
  c.root_fd = root_fd;
  int bucket_fd = open_bucket(&c);
  napi_value result = NULL;
  if (c.not_cached == NOT_CACHED_EVER) napi_get_null(env, &result);
  else if (c.not_cached != 0) napi_get_undefined(env, &result);
  else if (bucket_fd < 0) napi_throw(env, open_error(env, &c));
  else napi_create_int32(env, bucket_fd, &result);
  free(c.bucket);
  return result;
}

static napi_value open_object(napi_env env, napi_callback_info info) {
  napi_value promise;
  napi_deferred deferred;
  if (napi_create_promise(env, &deferred, &promise) != napi_ok) return NULL;
  open_call_t *c = open_call_of(env, info, false);
  if (c == NULL) {
    napi_reject_deferred(env, deferred, plain_error(env, "ERR_INVALID_ARG_TYPE", "openObject" OPEN_USAGE, true));
    return promise;
  }
  c->deferred = deferred;

  napi_value resource_name;
  napi_create_string_utf8(env, "tracegw.openObject", NAPI_AUTO_LENGTH, &resource_name);
  if (napi_create_async_work(env, NULL, resource_name, execute_open, complete_open, c, &c->work) != napi_ok ||
      napi_queue_async_work(env, c->work) != napi_ok) {
    if (c->work != NULL) napi_delete_async_work(env, c->work);
    open_call_free(c);
    napi_reject_deferred(env, deferred, plain_error(env, "ERR_NATIVE", "cannot queue native call", false));
  }
  return promise;
}

napi_status register_open_object(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"openObject", NULL, open_object, NULL, NULL, NULL, napi_enumerable, NULL},
      {"openObjectCached", NULL, open_object_cached, NULL, NULL, NULL, napi_enumerable, NULL},
      {"openBucketCached", NULL, open_bucket_cached, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  return napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
}
