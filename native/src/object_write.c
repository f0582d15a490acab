/*
 * PUT's write path in as few trips through libuv's thread pool as the body allows. Through
 * node:fs a 4 KiB PUT took eleven (realpath and stat of the bucket, lstat of the key, open,
 * write, fdatasync, one fsetxattr per attribute, stat and realpath of the key's directory,
 * linkat, close), each a wake-up of a pool thread and of the event loop.
 *
 *   writeObject(req): a body that is already in memory, in one job: the bucket opened beneath
 *     the root (openat2 RESOLVE_BENEATH, as openObject does), the key's place checked, an
 *     O_TMPFILE in the bucket's .sgwtmp, the data written, fdatasync, every attribute set, the
 *     key's directories made and the file linked into place, the descriptor closed.
 *   beginObject(req) → writeChunks(...)* → finishObject(req): the same for a body that streams:
 *     one job to check and open (and reserve the blocks, and open an O_DIRECT twin), one per
 *     batch of at least a MiB, one to fdatasync, set the attributes and link.
 *
 * The order is today's durability promise: the data reaches the disk (fdatasync) before the file
 * has a name, the attributes are set before it has one, so a reader never sees a half object and
 * a crash never leaves one. Directories are created beneath the bucket's descriptor, each level
 * opened with openat2 RESOLVE_BENEATH, so no symlink can make a PUT write outside its bucket.
 *
 * They resolve [outcome, ...]: OUTCOME_* below, for the answers S3 gives in words (the key is a
 * directory, If-None-Match failed...), and reject with a Node-style errno error whose `stage`
 * says which step failed ('bucket', 'key', 'open', 'write', 'sync', 'xattr', 'mkdir', 'link').
 * writeObject and finishObject also report when each step ran, as milliseconds before the result
 * (`times`, on errors too), which the caller turns into the Posix.IO.* spans.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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
#include <time.h>
#include <unistd.h>

#include <node_api.h>

#include "errno_name.h"
#include "object_write.h"
#include "plain_error.h"

/* Answers that are not errors of a syscall; the caller maps them to S3 errors. */
enum {
  OUTCOME_DONE = 0,
  OUTCOME_PRECONDITION_FAILED = 1, /* If-None-Match: * and the key is taken */
  OUTCOME_KEY_IS_DIRECTORY = 2,    /* a directory has the key's name */
  OUTCOME_PARENT_IS_FILE = 3,      /* a file is where one of the key's directories would be */
  OUTCOME_OUTSIDE_BUCKET = 4,      /* the key's directory resolves outside the bucket */
  OUTCOME_NO_TMPFILE = 5,          /* the file system has no O_TMPFILE: use named temporary files */
};

/* Concurrent deletes may remove a directory just made; that many times it is made again (put-object.ts). */
#define PLACE_ATTEMPTS 3
/* O_DIRECT writes go in whole blocks of this size, from memory aligned to it. */
#define DIRECT_ALIGN 4096
#define TMP_DIR ".sgwtmp"
#define TIMES 5

typedef enum { W_WRITE, W_BEGIN, W_CHUNKS, W_FINISH } write_kind;

typedef struct {
  write_kind kind;
  napi_async_work work;
  napi_deferred deferred;
  napi_ref keep; /* the request object: its chunk Buffers stay alive while the worker reads them */

  int root_fd;
  char *bucket;
  int held_bucket_fd; /* a duplicate of the gateway's held bucket directory, owned by the call; -1: open `bucket` */
  char *parent; /* the key's directory relative to the bucket; "" at its top */
  char *name;   /* the key's last segment */
  char *staged; /* a fresh name in .sgwtmp, for replacing an existing object */
  bool if_none_match;
  mode_t dir_mode;
  int fd;
  int direct_fd;
  int64_t size;     /* beginObject: bytes to reserve */
  bool want_direct; /* beginObject: open an O_DIRECT twin */
  struct iovec *iov;
  int iov_count;
  int64_t offset;
  char *staging; /* aligned memory the chunks are gathered into for O_DIRECT */
  size_t staging_len;
  char **attr_names;
  char **attr_values;
  size_t *attr_lens;
  size_t attr_count;

  int err; /* errno of the failed syscall; 0 on success */
  const char *syscall;
  const char *stage;
  int outcome;
  int64_t written;
  bool direct_refused;
  uint64_t t[TIMES]; /* CLOCK_MONOTONIC ns: open start, open end, data synced, link start, link end */
} write_call_t;

static void write_call_free(write_call_t *c) {
  if (c->held_bucket_fd >= 0) close(c->held_bucket_fd);
  free(c->bucket);
  free(c->parent);
  free(c->name);
  free(c->staged);
  free(c->iov);
  for (size_t i = 0; i < c->attr_count; i++) {
    if (c->attr_names != NULL) free(c->attr_names[i]);
    if (c->attr_values != NULL) free(c->attr_values[i]);
  }
  free(c->attr_names);
  free(c->attr_values);
  free(c->attr_lens);
  free(c);
}

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void fail_at(write_call_t *c, const char *syscall, const char *stage) {
  c->err = errno;
  c->syscall = syscall;
  c->stage = stage;
}

static int open_beneath(int dir_fd, const char *path, uint64_t flags, uint64_t mode) {
  /* As openObject: nothing may resolve outside dir_fd (EXDEV), no /proc magic links either. */
  struct open_how how = {.flags = flags | O_CLOEXEC, .mode = mode, .resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS};
  long fd;
  do fd = syscall(SYS_openat2, dir_fd, path, &how, sizeof how);
  while (fd < 0 && errno == EAGAIN);
  return (int)fd;
}

static void close_if_open(int fd) {
  if (fd >= 0) close(fd);
}

/* The bucket's directory beneath the root, refusing one that is the root itself; -1 on failure. */
static int open_bucket(write_call_t *c) {
  if (c->held_bucket_fd >= 0) {
    /* Checked against the root when the gateway opened it; the caller closes it like its own. */
    int held = c->held_bucket_fd;
    c->held_bucket_fd = -1;
    return held;
  }
  int bucket_fd = open_beneath(c->root_fd, c->bucket, O_PATH | O_DIRECTORY, 0);
  if (bucket_fd < 0) {
    fail_at(c, "openat2", "bucket");
    return -1;
  }
  struct stat root_st, bucket_st;
  if (fstat(c->root_fd, &root_st) < 0 || fstat(bucket_fd, &bucket_st) < 0) {
    fail_at(c, "fstat", "bucket");
    close(bucket_fd);
    return -1;
  }
  if (root_st.st_dev == bucket_st.st_dev && root_st.st_ino == bucket_st.st_ino) {
    errno = EXDEV;
    fail_at(c, "openat2", "bucket");
    close(bucket_fd);
    return -1;
  }
  return bucket_fd;
}

/*
 * What is at the key now, before any byte is stored (put-object.ts's precheck and the
 * If-None-Match check): a directory there, or a file where a directory of the key should be,
 * fails the PUT at once. A key whose directory does not exist yet, or resolves outside the
 * bucket (refused later, when the directory is needed), passes. False when the call is decided.
 */
static bool check_key(write_call_t *c, int bucket_fd) {
  int parent_fd = c->parent[0] == '\0' ? bucket_fd : open_beneath(bucket_fd, c->parent, O_PATH | O_DIRECTORY, 0);
  if (parent_fd < 0) {
    if (errno == ENOENT || errno == EXDEV) return true;
    if (errno == ENOTDIR) {
      c->outcome = OUTCOME_PARENT_IS_FILE;
      return false;
    }
    fail_at(c, "openat2", "key");
    return false;
  }
  struct stat st;
  bool go_on = true;
  if (fstatat(parent_fd, c->name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
    if (S_ISDIR(st.st_mode)) {
      c->outcome = OUTCOME_KEY_IS_DIRECTORY;
      go_on = false;
    } else if (S_ISREG(st.st_mode) && c->if_none_match) {
      c->outcome = OUTCOME_PRECONDITION_FAILED;
      go_on = false;
    }
  } else if (errno == ENOTDIR) {
    c->outcome = OUTCOME_PARENT_IS_FILE;
    go_on = false;
  } else if (errno != ENOENT) {
    fail_at(c, "fstatat", "key");
    go_on = false;
  }
  if (parent_fd != bucket_fd) close(parent_fd);
  return go_on;
}

static bool lacks_tmpfile(int err) {
  return err == EOPNOTSUPP || err == ENOTSUP || err == EISDIR || err == EINVAL;
}

/* An unnamed file in the bucket's .sgwtmp, made first if another tool made the bucket; -1 when not opened. */
static int open_tmp(write_call_t *c, int bucket_fd) {
  for (int attempt = 0; attempt < 2; attempt++) {
    int fd = open_beneath(bucket_fd, TMP_DIR, O_TMPFILE | O_RDWR, 0644);
    if (fd >= 0) return fd;
    if (lacks_tmpfile(errno)) {
      c->outcome = OUTCOME_NO_TMPFILE;
      return -1;
    }
    if (errno != ENOENT || attempt > 0) break;
    if (mkdirat(bucket_fd, TMP_DIR, 0777) < 0 && errno != EEXIST) {
      fail_at(c, "mkdir", "open");
      return -1;
    }
  }
  fail_at(c, "open", "open");
  return -1;
}

static bool lacks_direct_io(int err) {
  return err == EINVAL || err == EOPNOTSUPP || err == ENOTSUP;
}

static bool lacks_fallocate(int err) {
  return err == EOPNOTSUPP || err == ENOTSUP || err == ENOSYS;
}

/* Blocks reserved for a large body (ENOSPC now, not half way), and the O_DIRECT twin where the file system takes one. */
static bool prepare_large(write_call_t *c, int fd) {
  if (c->size > 0 && fallocate(fd, 0, 0, (off_t)c->size) < 0 && !lacks_fallocate(errno)) {
    fail_at(c, "fallocate", "write");
    return false;
  }
  c->direct_fd = -1;
  if (!c->want_direct) return true;
  char proc_path[64];
  snprintf(proc_path, sizeof proc_path, "/proc/self/fd/%d", fd);
  c->direct_fd = open(proc_path, O_WRONLY | O_DIRECT | O_CLOEXEC);
  if (c->direct_fd < 0 && !lacks_direct_io(errno)) {
    fail_at(c, "open", "open");
    return false;
  }
  return true;
}

static bool pwrite_all(int fd, const char *data, size_t len, int64_t offset) {
  while (len > 0) {
    ssize_t n = pwrite(fd, data, len, (off_t)offset);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    len -= (size_t)n;
    offset += n;
  }
  return true;
}

/* pwritev of every chunk, resumed after partial writes, IOV_MAX at a time. */
static bool pwritev_all(int fd, struct iovec *iov, int count, int64_t offset) {
  while (count > 0) {
    int batch = count > IOV_MAX ? IOV_MAX : count;
    ssize_t n = pwritev(fd, iov, batch, (off_t)offset);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    offset += n;
    while (count > 0 && (size_t)n >= iov->iov_len) {
      n -= (ssize_t)iov->iov_len;
      iov++;
      count--;
    }
    if (count > 0) {
      iov->iov_base = (char *)iov->iov_base + n;
      iov->iov_len -= (size_t)n;
    }
  }
  return true;
}

/*
 * One batch of chunks at `offset`. Through the O_DIRECT twin where there is one: gathered into
 * the aligned staging memory, the whole blocks written straight to the device (no page-cache
 * copy, which on a VM costs a host fault per new page), a tail of less than a block through
 * the page cache; a file system that refuses the direct write gets the buffered one instead.
 */
static bool write_chunks(write_call_t *c, int fd, int direct_fd) {
  int64_t total = 0;
  for (int i = 0; i < c->iov_count; i++) total += (int64_t)c->iov[i].iov_len;
  c->written = total;
  if (direct_fd >= 0 && c->staging != NULL && (size_t)total <= c->staging_len && c->offset % DIRECT_ALIGN == 0) {
    size_t at = 0;
    for (int i = 0; i < c->iov_count; i++) {
      memcpy(c->staging + at, c->iov[i].iov_base, c->iov[i].iov_len);
      at += c->iov[i].iov_len;
    }
    size_t whole = (size_t)total - (size_t)total % DIRECT_ALIGN;
    if (whole > 0 && !pwrite_all(direct_fd, c->staging, whole, c->offset)) {
      if (!lacks_direct_io(errno)) {
        fail_at(c, "pwrite", "write");
        return false;
      }
      c->direct_refused = true;
      whole = 0;
    }
    if (!pwrite_all(fd, c->staging + whole, (size_t)total - whole, c->offset + (int64_t)whole)) {
      fail_at(c, "pwrite", "write");
      return false;
    }
    return true;
  }
  if (!pwritev_all(fd, c->iov, c->iov_count, c->offset)) {
    fail_at(c, "pwritev", "write");
    return false;
  }
  return true;
}

/* Data on the disk, then the attributes (the ETag last, as the caller orders them). */
static bool sync_and_label(write_call_t *c, int fd) {
  if (fdatasync(fd) < 0) {
    fail_at(c, "fdatasync", "sync");
    return false;
  }
  c->t[2] = now_ns();
  for (size_t i = 0; i < c->attr_count; i++) {
    if (fsetxattr(fd, c->attr_names[i], c->attr_values[i], c->attr_lens[i], 0) < 0) {
      fail_at(c, "fsetxattr", "xattr");
      return false;
    }
  }
  return true;
}

/* The directory of level `path` beneath the bucket, or an outcome when it is a file or leads outside. */
static int open_level(write_call_t *c, int bucket_fd, const char *path) {
  int fd = open_beneath(bucket_fd, path, O_PATH | O_DIRECTORY, 0);
  if (fd >= 0) return fd;
  if (errno == ENOTDIR) c->outcome = OUTCOME_PARENT_IS_FILE;
  else if (errno == EXDEV) c->outcome = OUTCOME_OUTSIDE_BUCKET;
  else if (errno != ENOENT) fail_at(c, "openat2", "mkdir");
  return -1;
}

/*
 * The key's directory, made one level at a time where missing (never the bucket itself: a
 * bucket deleted meanwhile stays deleted). -1 with errno ENOENT and nothing recorded when a
 * level vanished under us (the caller tries again), else with an outcome or an error recorded.
 */
static int ensure_parent(write_call_t *c, int bucket_fd) {
  if (c->parent[0] == '\0') return bucket_fd;
  int fd = open_level(c, bucket_fd, c->parent);
  if (fd >= 0 || errno != ENOENT || c->outcome != OUTCOME_DONE || c->err != 0) return fd;
  char *path = strdup(c->parent);
  if (path == NULL) {
    errno = ENOMEM;
    fail_at(c, "malloc", "mkdir");
    return -1;
  }
  int level_fd = bucket_fd;
  const char *segment = path;
  for (char *slash = path;; slash++) {
    if (*slash != '/' && *slash != '\0') continue;
    bool last = *slash == '\0';
    *slash = '\0';
    if (mkdirat(level_fd, segment, c->dir_mode) < 0 && errno != EEXIST) {
      if (errno == ENOTDIR) c->outcome = OUTCOME_PARENT_IS_FILE;
      else if (errno != ENOENT) fail_at(c, "mkdir", "mkdir");
      fd = -1;
      break;
    }
    /* Opened again from the bucket by its whole path: a level that exists as a symlink is
     * followed only while it stays inside the bucket. */
    fd = open_level(c, bucket_fd, path);
    if (level_fd != bucket_fd) close(level_fd);
    level_fd = bucket_fd;
    if (fd < 0 || last) break;
    level_fd = fd;
    *slash = '/';
    segment = slash + 1;
  }
  if (fd < 0 && level_fd != bucket_fd) close(level_fd);
  free(path);
  if (fd < 0 && c->outcome == OUTCOME_DONE && c->err == 0) errno = ENOENT;
  return fd;
}

/*
 * Gives the file the key's name. If-None-Match: * takes the name with one link, which fails if
 * anything has it, so of two writers racing for a new key exactly one wins. Otherwise a link,
 * and where an object has the name already, a link under the staged name in .sgwtmp and a
 * rename over it: readers see the old object or the new one, never neither. Returns false with
 * errno ENOENT and nothing recorded when the directory vanished meanwhile.
 */
static bool link_into_place(write_call_t *c, int bucket_fd, int parent_fd, int fd) {
  char proc_path[64];
  snprintf(proc_path, sizeof proc_path, "/proc/self/fd/%d", fd);
  if (linkat(AT_FDCWD, proc_path, parent_fd, c->name, AT_SYMLINK_FOLLOW) == 0) return true;
  if (errno == ENOENT) return false;
  if (errno != EEXIST) {
    fail_at(c, "linkat", "link");
    return false;
  }
  if (c->if_none_match) {
    struct stat st;
    bool directory = fstatat(parent_fd, c->name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(st.st_mode);
    c->outcome = directory ? OUTCOME_KEY_IS_DIRECTORY : OUTCOME_PRECONDITION_FAILED;
    return false;
  }
  int tmp_fd = open_beneath(bucket_fd, TMP_DIR, O_PATH | O_DIRECTORY, 0);
  if (tmp_fd < 0) {
    fail_at(c, "openat2", "link");
    return false;
  }
  bool placed = false;
  if (linkat(AT_FDCWD, proc_path, tmp_fd, c->staged, AT_SYMLINK_FOLLOW) < 0) {
    fail_at(c, "linkat", "link");
  } else if (renameat(tmp_fd, c->staged, parent_fd, c->name) < 0) {
    int err = errno;
    unlinkat(tmp_fd, c->staged, 0);
    errno = err;
    if (err == EISDIR || err == ENOTEMPTY || err == EEXIST) c->outcome = OUTCOME_KEY_IS_DIRECTORY;
    else if (err != ENOENT) fail_at(c, "rename", "link");
  } else {
    placed = true;
  }
  close(tmp_fd);
  if (!placed && c->err == 0 && c->outcome == OUTCOME_DONE) errno = ENOENT;
  return placed;
}

/* The key's directories and its name, tried again when a concurrent delete removed a directory just made. */
static void place(write_call_t *c, int bucket_fd, int fd) {
  for (int attempt = 1;; attempt++) {
    int parent_fd = ensure_parent(c, bucket_fd);
    bool placed = false;
    if (parent_fd >= 0) {
      if (c->t[3] == 0) c->t[3] = now_ns();
      placed = link_into_place(c, bucket_fd, parent_fd, fd);
      c->t[4] = now_ns();
      if (parent_fd != bucket_fd) close(parent_fd);
    }
    if (placed || c->err != 0 || c->outcome != OUTCOME_DONE) return;
    /* ENOENT: a directory of the key (or the bucket) went away meanwhile. */
    if (attempt >= PLACE_ATTEMPTS) {
      errno = ENOENT;
      fail_at(c, "linkat", "link");
      return;
    }
  }
}

/* The bucket and the key's place checked, then the temporary file opened (t[0]..t[1]); -1 when the call is decided. */
static int check_and_open(write_call_t *c, int bucket_fd) {
  if (!check_key(c, bucket_fd)) return -1;
  c->t[0] = now_ns();
  int fd = open_tmp(c, bucket_fd);
  if (fd >= 0) c->t[1] = now_ns();
  return fd;
}

static void do_write(write_call_t *c) {
  int bucket_fd = open_bucket(c);
  if (bucket_fd < 0) return;
  int fd = check_and_open(c, bucket_fd);
  if (fd >= 0 && write_chunks(c, fd, -1) && sync_and_label(c, fd)) place(c, bucket_fd, fd);
  close_if_open(fd);
  close(bucket_fd);
}

static void do_begin(write_call_t *c) {
  c->fd = -1;
  c->direct_fd = -1;
  int bucket_fd = open_bucket(c);
  if (bucket_fd < 0) return;
  c->fd = check_and_open(c, bucket_fd);
  if (c->fd >= 0 && !prepare_large(c, c->fd)) {
    close(c->fd);
    c->fd = -1;
  }
  close(bucket_fd);
}

static void do_finish(write_call_t *c) {
  c->t[0] = c->t[1] = now_ns();
  if (!sync_and_label(c, c->fd)) return;
  int bucket_fd = open_bucket(c);
  if (bucket_fd < 0) return;
  place(c, bucket_fd, c->fd);
  close(bucket_fd);
}

static void execute_write(napi_env env, void *data) {
  write_call_t *c = data;
  switch (c->kind) {
    case W_WRITE:
      do_write(c);
      break;
    case W_BEGIN:
      do_begin(c);
      break;
    case W_CHUNKS:
      write_chunks(c, c->fd, c->direct_fd);
      break;
    case W_FINISH:
      do_finish(c);
      break;
  }
}

/* ---- main thread: results and errors ---- */

static napi_value times_of(napi_env env, const write_call_t *c) {
  uint64_t now = now_ns();
  napi_value times, v;
  napi_create_array_with_length(env, TIMES, &times);
  for (uint32_t i = 0; i < TIMES; i++) {
    /* Milliseconds before this result; -1 for a step that never ran. */
    napi_create_double(env, c->t[i] == 0 ? -1.0 : (double)(now - c->t[i]) / 1e6, &v);
    napi_set_element(env, times, i, v);
  }
  return times;
}

static napi_value write_error(napi_env env, const write_call_t *c) {
  const char *code = errno_name(c->err);
  char text[128];
  char message[320];
  snprintf(message, sizeof message, "%s: %s, %s (%s)", code, strerror_r(c->err, text, sizeof text), c->syscall, c->stage);
  napi_value error = plain_error(env, code, message, false), v;
  napi_create_int32(env, -c->err, &v);
  napi_set_named_property(env, error, "errno", v);
  napi_create_string_utf8(env, c->syscall, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, error, "syscall", v);
  napi_create_string_utf8(env, c->stage, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, error, "stage", v);
  napi_set_named_property(env, error, "times", times_of(env, c));
  return error;
}

static napi_value write_result(napi_env env, const write_call_t *c) {
  napi_value result, v;
  if (napi_create_array(env, &result) != napi_ok) return NULL;
  switch (c->kind) {
    case W_CHUNKS:
      napi_create_int64(env, c->written, &v);
      napi_set_element(env, result, 0, v);
      napi_get_boolean(env, c->direct_refused, &v);
      napi_set_element(env, result, 1, v);
      break;
    case W_BEGIN:
      napi_create_int32(env, c->outcome, &v);
      napi_set_element(env, result, 0, v);
      napi_create_int32(env, c->fd, &v);
      napi_set_element(env, result, 1, v);
      napi_create_int32(env, c->direct_fd, &v);
      napi_set_element(env, result, 2, v);
      napi_set_element(env, result, 3, times_of(env, c));
      break;
    default:
      napi_create_int32(env, c->outcome, &v);
      napi_set_element(env, result, 0, v);
      napi_set_element(env, result, 1, times_of(env, c));
  }
  return result;
}

static void complete_write(napi_env env, napi_status status, void *data) {
  write_call_t *c = data;
  bool opened = c->kind == W_BEGIN && c->err == 0;
  if (status != napi_ok) {
    if (opened) {
      close_if_open(c->fd);
      close_if_open(c->direct_fd);
    }
    napi_reject_deferred(env, c->deferred, plain_error(env, "ECANCELED", "native call cancelled", false));
  } else if (c->err != 0) {
    napi_reject_deferred(env, c->deferred, write_error(env, c));
  } else {
    napi_value result = write_result(env, c);
    if (result == NULL) {
      /* Descriptors nobody will ever see must not leak. */
      if (opened) {
        close_if_open(c->fd);
        close_if_open(c->direct_fd);
      }
      napi_reject_deferred(env, c->deferred, plain_error(env, "ENOMEM", "cannot build the native write result", false));
    } else {
      napi_resolve_deferred(env, c->deferred, result);
    }
  }
  if (c->keep != NULL) napi_delete_reference(env, c->keep);
  napi_delete_async_work(env, c->work);
  write_call_free(c);
}

/* ---- arguments: one request object, read on the main thread into owned copies ---- */

typedef struct {
  napi_env env;
  napi_value obj;
  const char *bad; /* the first property that was missing or of the wrong type */
} req_t;

static bool req_prop(req_t *r, const char *key, napi_valuetype want, napi_value *out) {
  napi_valuetype type = napi_undefined;
  if (napi_get_named_property(r->env, r->obj, key, out) != napi_ok || napi_typeof(r->env, *out, &type) != napi_ok || type != want) {
    if (r->bad == NULL) r->bad = key;
    return false;
  }
  return true;
}

/* A string property as a fresh C string; `empty_ok` for the key's directory at the bucket's top. */
static bool req_string(req_t *r, const char *key, bool empty_ok, char **out) {
  napi_value v;
  if (!req_prop(r, key, napi_string, &v)) return false;
  size_t len = 0;
  napi_get_value_string_utf8(r->env, v, NULL, 0, &len);
  char *s = malloc(len + 1);
  if (s == NULL) {
    r->bad = key;
    return false;
  }
  napi_get_value_string_utf8(r->env, v, s, len + 1, &len);
  /* An embedded NUL would cut the name short in the syscall. */
  if (strlen(s) != len || (len == 0 && !empty_ok)) {
    free(s);
    r->bad = key;
    return false;
  }
  *out = s;
  return true;
}

static bool req_int(req_t *r, const char *key, double min, double max, int64_t *out) {
  napi_value v;
  double d = 0;
  if (!req_prop(r, key, napi_number, &v)) return false;
  napi_get_value_double(r->env, v, &d);
  if (!(d >= min && d <= max) || d != (double)(int64_t)d) {
    r->bad = key;
    return false;
  }
  *out = (int64_t)d;
  return true;
}

static bool req_fd(req_t *r, const char *key, bool none_ok, int *out) {
  int64_t v = 0;
  if (!req_int(r, key, none_ok ? -1 : 0, 2147483647.0, &v)) return false;
  *out = (int)v;
  return true;
}

static bool req_bool(req_t *r, const char *key, bool *out) {
  napi_value v;
  if (!req_prop(r, key, napi_boolean, &v)) return false;
  napi_get_value_bool(r->env, v, out);
  return true;
}

/* The chunks as iovecs into the Buffers themselves: no copy; `keep` holds them alive. */
static bool req_chunks(req_t *r, write_call_t *c) {
  napi_value list;
  bool is_array = false;
  uint32_t n = 0;
  if (!req_prop(r, "chunks", napi_object, &list) || napi_is_array(r->env, list, &is_array) != napi_ok || !is_array ||
      napi_get_array_length(r->env, list, &n) != napi_ok) {
    r->bad = "chunks";
    return false;
  }
  c->iov = calloc(n > 0 ? n : 1, sizeof *c->iov);
  if (c->iov == NULL) {
    r->bad = "chunks";
    return false;
  }
  for (uint32_t i = 0; i < n; i++) {
    napi_value chunk;
    bool is_buffer = false;
    void *base = NULL;
    size_t len = 0;
    if (napi_get_element(r->env, list, i, &chunk) != napi_ok || napi_is_buffer(r->env, chunk, &is_buffer) != napi_ok || !is_buffer ||
        napi_get_buffer_info(r->env, chunk, &base, &len) != napi_ok) {
      r->bad = "chunks";
      return false;
    }
    c->iov[i].iov_base = base;
    c->iov[i].iov_len = len;
  }
  c->iov_count = (int)n;
  return true;
}

/* Optional aligned memory for O_DIRECT (allocAligned); absent or null: write through the page cache. */
static bool req_staging(req_t *r, write_call_t *c) {
  napi_value v;
  napi_valuetype type = napi_undefined;
  if (napi_get_named_property(r->env, r->obj, "staging", &v) != napi_ok || napi_typeof(r->env, v, &type) != napi_ok) return false;
  if (type == napi_undefined || type == napi_null) return true;
  bool is_buffer = false;
  void *base = NULL;
  if (napi_is_buffer(r->env, v, &is_buffer) != napi_ok || !is_buffer || napi_get_buffer_info(r->env, v, &base, &c->staging_len) != napi_ok ||
      (uintptr_t)base % DIRECT_ALIGN != 0) {
    r->bad = "staging";
    return false;
  }
  c->staging = base;
  return true;
}

/* [name, value, name, value, ...]: attribute names as strings, values as Buffers, copied (they are small). */
static bool req_attrs(req_t *r, write_call_t *c) {
  napi_value list;
  bool is_array = false;
  uint32_t n = 0;
  if (!req_prop(r, "attrs", napi_object, &list) || napi_is_array(r->env, list, &is_array) != napi_ok || !is_array ||
      napi_get_array_length(r->env, list, &n) != napi_ok || n % 2 != 0) {
    r->bad = "attrs";
    return false;
  }
  size_t count = n / 2;
  c->attr_names = calloc(count > 0 ? count : 1, sizeof *c->attr_names);
  c->attr_values = calloc(count > 0 ? count : 1, sizeof *c->attr_values);
  c->attr_lens = calloc(count > 0 ? count : 1, sizeof *c->attr_lens);
  if (c->attr_names == NULL || c->attr_values == NULL || c->attr_lens == NULL) {
    r->bad = "attrs";
    return false;
  }
  c->attr_count = count;
  for (size_t i = 0; i < count; i++) {
    napi_value name, value;
    napi_valuetype type = napi_undefined;
    bool is_buffer = false;
    void *data = NULL;
    size_t len = 0, name_len = 0;
    if (napi_get_element(r->env, list, (uint32_t)(2 * i), &name) != napi_ok || napi_typeof(r->env, name, &type) != napi_ok || type != napi_string ||
        napi_get_element(r->env, list, (uint32_t)(2 * i + 1), &value) != napi_ok || napi_is_buffer(r->env, value, &is_buffer) != napi_ok ||
        !is_buffer || napi_get_buffer_info(r->env, value, &data, &len) != napi_ok) {
      r->bad = "attrs";
      return false;
    }
    napi_get_value_string_utf8(r->env, name, NULL, 0, &name_len);
    c->attr_names[i] = malloc(name_len + 1);
    c->attr_values[i] = malloc(len > 0 ? len : 1);
    if (c->attr_names[i] == NULL || c->attr_values[i] == NULL) {
      r->bad = "attrs";
      return false;
    }
    napi_get_value_string_utf8(r->env, name, c->attr_names[i], name_len + 1, &name_len);
    if (strlen(c->attr_names[i]) != name_len || name_len == 0) {
      r->bad = "attrs";
      return false;
    }
    if (len > 0) memcpy(c->attr_values[i], data, len);
    c->attr_lens[i] = len;
  }
  return true;
}

/*
 * bucketFd: the bucket's directory as the gateway holds it open (-1: none). Duplicated here, on
 * the main thread while it is surely open, so the worker owns a descriptor the gateway may close
 * meanwhile; a failed duplicate just opens the bucket by name.
 */
static bool req_held_bucket(req_t *r, write_call_t *c) {
  int held = -1;
  if (!req_fd(r, "bucketFd", true, &held)) return false;
  c->held_bucket_fd = held >= 0 ? fcntl(held, F_DUPFD_CLOEXEC, 0) : -1;
  return true;
}

/* Where the key goes: the bucket beneath the root, its directory and name, how to take the name. */
static bool req_target(req_t *r, write_call_t *c) {
  return req_fd(r, "rootFd", false, &c->root_fd) && req_string(r, "bucket", false, &c->bucket) && req_held_bucket(r, c) &&
         req_string(r, "parent", true, &c->parent) && req_string(r, "name", false, &c->name) && req_bool(r, "ifNoneMatch", &c->if_none_match);
}

static bool req_place(req_t *r, write_call_t *c) {
  int64_t mode = 0;
  return req_target(r, c) && req_string(r, "staged", false, &c->staged) && req_int(r, "dirMode", 0, 07777, &mode) && req_attrs(r, c) &&
         ((c->dir_mode = (mode_t)mode), true);
}

static bool parse_request(req_t *r, write_call_t *c) {
  switch (c->kind) {
    case W_WRITE:
      return req_place(r, c) && req_chunks(r, c);
    case W_BEGIN:
      return req_target(r, c) && req_int(r, "size", 0, 9007199254740991.0, &c->size) && req_bool(r, "direct", &c->want_direct);
    case W_CHUNKS:
      return req_fd(r, "fd", false, &c->fd) && req_fd(r, "directFd", true, &c->direct_fd) &&
             req_int(r, "offset", 0, 9007199254740991.0, &c->offset) && req_chunks(r, c) && req_staging(r, c);
    case W_FINISH:
      return req_place(r, c) && req_fd(r, "fd", false, &c->fd);
  }
  return false;
}

static const char *write_names[] = {"tracegw.writeObject", "tracegw.beginObject", "tracegw.writeChunks", "tracegw.finishObject"};

static napi_value start_write(napi_env env, napi_callback_info info, write_kind kind) {
  size_t argc = 1;
  napi_value arg = NULL;
  napi_get_cb_info(env, info, &argc, &arg, NULL, NULL);
  napi_value promise;
  napi_deferred deferred;
  if (napi_create_promise(env, &deferred, &promise) != napi_ok) return NULL;

  write_call_t *c = calloc(1, sizeof *c);
  if (c != NULL) c->held_bucket_fd = -1; /* before any path may free it: 0 is a descriptor */
  napi_valuetype type = napi_undefined;
  if (argc >= 1) napi_typeof(env, arg, &type);
  req_t r = {.env = env, .obj = arg};
  if (c == NULL || type != napi_object) {
    if (c != NULL) write_call_free(c);
    napi_reject_deferred(env, deferred, plain_error(env, "ERR_INVALID_ARG_TYPE", "the request must be an object", true));
    return promise;
  }
  c->kind = kind;
  c->deferred = deferred;
  if (!parse_request(&r, c)) {
    char message[128];
    snprintf(message, sizeof message, "The \"%s\" property of the request is missing or invalid", r.bad != NULL ? r.bad : "?");
    write_call_free(c);
    napi_reject_deferred(env, deferred, plain_error(env, "ERR_INVALID_ARG_VALUE", message, true));
    return promise;
  }
  napi_value resource_name;
  napi_create_string_utf8(env, write_names[kind], NAPI_AUTO_LENGTH, &resource_name);
  if (napi_create_reference(env, arg, 1, &c->keep) != napi_ok ||
      napi_create_async_work(env, NULL, resource_name, execute_write, complete_write, c, &c->work) != napi_ok ||
      napi_queue_async_work(env, c->work) != napi_ok) {
    if (c->work != NULL) napi_delete_async_work(env, c->work);
    if (c->keep != NULL) napi_delete_reference(env, c->keep);
    write_call_free(c);
    napi_reject_deferred(env, deferred, plain_error(env, "ERR_NATIVE", "cannot queue native call", false));
  }
  return promise;
}

static napi_value write_object(napi_env env, napi_callback_info info) { return start_write(env, info, W_WRITE); }
static napi_value begin_object(napi_env env, napi_callback_info info) { return start_write(env, info, W_BEGIN); }
static napi_value write_chunks_js(napi_env env, napi_callback_info info) { return start_write(env, info, W_CHUNKS); }
static napi_value finish_object(napi_env env, napi_callback_info info) { return start_write(env, info, W_FINISH); }

napi_status register_object_write(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"writeObject", NULL, write_object, NULL, NULL, NULL, napi_enumerable, NULL},
      {"beginObject", NULL, begin_object, NULL, NULL, NULL, napi_enumerable, NULL},
      {"writeChunks", NULL, write_chunks_js, NULL, NULL, NULL, napi_enumerable, NULL},
      {"finishObject", NULL, finish_object, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  return napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
}
