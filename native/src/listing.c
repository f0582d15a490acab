/*
 * describeEntries(paths, attribute): for each path, lstat(2) and, for a regular file, getxattr(2)
 * of `attribute` (or of two attributes, `attribute` an array of two names: a listing that needs
 * the owner reads it in the same pass as the ETag), all on one libuv worker thread. The contract is describeEntries in
 * src/backends/posix/native.types.ts.
 *
 * An entry that is gone (or no longer reachable: ENOENT, ENOTDIR, ELOOP, ENAMETOOLONG) is reported
 * as such, since a listing races with deletes; a file without the attribute, or on a file system
 * without extended attributes, reports an empty value. Any other failure rejects the whole call
 * with a Node-style error naming the path, as the per-entry calls it replaces did.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>

#include <node_api.h>

#include "listing.h"
#include "native_call.h"
#include "node_error.h"
#include "plain_error.h"
#include "read_directory.h"

enum { KIND_GONE = 0, KIND_FILE = 1, KIND_DIRECTORY = 2, KIND_OTHER = 3 };

/* ETags are 34 bytes quoted; a value that does not fit is sized with a second call. */
#define ATTR_GUESS 256

/* One attribute's values for every entry, back to back. */
typedef struct {
  char *name;
  char *values;
  size_t values_len, values_cap;
  uint32_t *value_at;
  uint32_t *value_len;
} column_t;

#define MAX_COLUMNS 2

typedef struct {
  native_call_t call;

  column_t columns[MAX_COLUMNS];
  uint32_t column_count;
  char *paths;      /* every path, each NUL-terminated */
  uint32_t *path_at; /* where each path starts in `paths` */
  uint32_t count;

  uint8_t *kinds;
  double *sizes;
  double *mtimes; /* seconds and nanoseconds, two per entry: JS rounds them as Node's Stats does */

  int err; /* errno of the failure that rejects the call; 0 on success */
  const char *syscall;
  uint32_t failed; /* the entry it failed on */
} describe_t;

static void describe_free(void *data) {
  describe_t *d = data;
  for (uint32_t c = 0; c < MAX_COLUMNS; c++) {
    free(d->columns[c].name);
    free(d->columns[c].values);
    free(d->columns[c].value_at);
    free(d->columns[c].value_len);
  }
  free(d->paths);
  free(d->path_at);
  free(d->kinds);
  free(d->sizes);
  free(d->mtimes);
  free(d);
}

/* ---- worker thread side ---- */

/* getxattrat(2), Linux 6.13: an attribute read relative to a directory descriptor, which spares
 * the walk of the whole path (a page's entries mostly share their directory). The number is the
 * same in x86-64's table and the generic one; elsewhere (or before glibc knows it) the path is
 * walked as before. */
#if !defined(SYS_getxattrat) && (defined(__x86_64__) || defined(__aarch64__))
#define SYS_getxattrat 464
#endif

struct xattr_args_v0 {
  uint64_t value;
  uint32_t size;
  uint32_t flags;
};

/* Set once a kernel answered ENOSYS: every later read walks the path. */
static int getxattrat_missing = 0;

/* Where an entry is: its directory open as `dirfd` and its `name` in it, or only its `path`. */
typedef struct {
  const char *path;
  int dirfd; /* -1: use `path` */
  const char *name;
} where_t;

static int stat_at(const where_t *w, struct stat *st) {
  return w->dirfd >= 0 ? fstatat(w->dirfd, w->name, st, AT_SYMLINK_NOFOLLOW) : lstat(w->path, st);
}

static ssize_t get_attr(const where_t *w, const char *attribute, char *buf, size_t size) {
#ifdef SYS_getxattrat
  if (w->dirfd >= 0 && !__atomic_load_n(&getxattrat_missing, __ATOMIC_RELAXED)) {
    struct xattr_args_v0 args = {.value = (uint64_t)(uintptr_t)buf, .size = (uint32_t)size, .flags = 0};
    ssize_t got = syscall(SYS_getxattrat, w->dirfd, w->name, 0u, attribute, &args, sizeof args);
    if (got >= 0 || errno != ENOSYS) return got;
    __atomic_store_n(&getxattrat_missing, 1, __ATOMIC_RELAXED);
  }
#endif
  /* Follows a symlink, as getxattrat without AT_SYMLINK_NOFOLLOW does (lstat said it is a file anyway). */
  return getxattr(w->path, attribute, buf, size);
}

/* The directory of paths[i], kept open while consecutive entries share it. */
typedef struct {
  int fd;
  const char *dir; /* points into `paths`: the directory part of the path it was opened for */
  size_t dir_len;
} open_dir_t;

static where_t locate(open_dir_t *open_dir, char *path) {
  where_t w = {.path = path, .dirfd = -1, .name = NULL};
  char *slash = strrchr(path, '/');
  if (slash == NULL || slash == path || slash[1] == '\0') return w;
  size_t dir_len = (size_t)(slash - path);
  if (open_dir->dir == NULL || open_dir->dir_len != dir_len || memcmp(open_dir->dir, path, dir_len) != 0) {
    if (open_dir->fd >= 0) close(open_dir->fd);
    *slash = '\0';
    open_dir->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    *slash = '/';
    open_dir->dir = path;
    open_dir->dir_len = dir_len;
  }
  /* Not openable: the path is walked in full, so its error (if any) is the one lstat gives. */
  if (open_dir->fd < 0) return w;
  w.dirfd = open_dir->fd;
  w.name = slash + 1;
  return w;
}

static bool is_gone(int err) {
  return err == ENOENT || err == ENOTDIR || err == ELOOP || err == ENAMETOOLONG;
}

static bool lacks_xattrs(int err) {
  return err == ENOTSUP || err == EOPNOTSUPP;
}

static bool reserve_values(column_t *col, uint32_t count, size_t more) {
  if (col->values_len + more <= col->values_cap) return true;
  size_t cap = col->values_cap ? col->values_cap : 64 * (size_t)count + ATTR_GUESS;
  while (cap < col->values_len + more) cap *= 2;
  char *grown = realloc(col->values, cap);
  if (grown == NULL) return false;
  col->values = grown;
  col->values_cap = cap;
  return true;
}

/* One attribute of a regular file into its column: 1 read (possibly empty), 0 the file is gone, -1 failed. */
static int read_value(column_t *col, uint32_t count, uint32_t i, const where_t *w) {
  col->value_at[i] = (uint32_t)col->values_len;
  col->value_len[i] = 0;
  size_t want = ATTR_GUESS;
  for (;;) {
    if (!reserve_values(col, count, want)) {
      errno = ENOMEM;
      return -1;
    }
    ssize_t got = get_attr(w, col->name, col->values + col->values_len, want);
    if (got >= 0) {
      col->value_len[i] = (uint32_t)got;
      col->values_len += (size_t)got;
      return 1;
    }
    if (errno == ENODATA || lacks_xattrs(errno)) return 1;
    if (is_gone(errno)) return 0;
    if (errno != ERANGE) return -1;
    /* Larger than the guess (or grown by another writer meanwhile): ask for its size. */
    ssize_t size = get_attr(w, col->name, NULL, 0);
    if (size < 0) {
      if (errno == ENODATA || lacks_xattrs(errno)) return 1;
      if (is_gone(errno)) return 0;
      return -1;
    }
    want = (size_t)size > want ? (size_t)size : want * 2;
  }
}

static void execute(napi_env env, void *data) {
  (void)env;
  describe_t *d = data;
  open_dir_t open_dir = {.fd = -1, .dir = NULL, .dir_len = 0};
  for (uint32_t i = 0; i < d->count; i++) {
    where_t w = locate(&open_dir, d->paths + d->path_at[i]);
    for (uint32_t c = 0; c < d->column_count; c++) {
      d->columns[c].value_at[i] = (uint32_t)d->columns[c].values_len;
      d->columns[c].value_len[i] = 0;
    }
    struct stat st;
    if (stat_at(&w, &st) < 0) {
      if (is_gone(errno)) {
        d->kinds[i] = KIND_GONE;
        continue;
      }
      d->err = errno;
      d->syscall = "lstat";
      d->failed = i;
      break;
    }
    d->sizes[i] = (double)st.st_size;
    d->mtimes[2 * i] = (double)st.st_mtim.tv_sec;
    d->mtimes[2 * i + 1] = (double)st.st_mtim.tv_nsec;
    if (S_ISDIR(st.st_mode)) {
      d->kinds[i] = KIND_DIRECTORY;
      continue;
    }
    if (!S_ISREG(st.st_mode)) {
      d->kinds[i] = KIND_OTHER;
      continue;
    }
    int read = 1;
    for (uint32_t c = 0; c < d->column_count && read == 1; c++) read = read_value(&d->columns[c], d->count, i, &w);
    if (read < 0) {
      d->err = errno;
      d->syscall = "getxattr";
      d->failed = i;
      break;
    }
    d->kinds[i] = read == 1 ? KIND_FILE : KIND_GONE;
  }
  if (open_dir.fd >= 0) close(open_dir.fd);
}

/* ---- main thread side ---- */

static napi_value typed_copy(napi_env env, napi_typedarray_type type, const void *src, size_t length, size_t element) {
  void *data = NULL;
  napi_value buffer, array;
  if (napi_create_arraybuffer(env, length * element, &data, &buffer) != napi_ok) return NULL;
  if (length > 0) memcpy(data, src, length * element);
  if (napi_create_typedarray(env, type, length, buffer, 0, &array) != napi_ok) return NULL;
  return array;
}

/* One column's values as an array of strings, '' where an entry has none. */
static napi_value column_strings(napi_env env, const column_t *column, uint32_t count) {
  napi_value values, empty;
  if (napi_create_array_with_length(env, count, &values) != napi_ok) return NULL;
  if (napi_create_string_utf8(env, "", 0, &empty) != napi_ok) return NULL;
  for (uint32_t i = 0; i < count; i++) {
    napi_value s = empty;
    /* UTF-8 decoded as Buffer#toString decodes it: a malformed sequence becomes U+FFFD. */
    if (column->value_len[i] > 0 && napi_create_string_utf8(env, column->values + column->value_at[i], column->value_len[i], &s) != napi_ok) return NULL;
    if (napi_set_element(env, values, i, s) != napi_ok) return NULL;
  }
  return values;
}

static napi_value result_object(napi_env env, const describe_t *d) {
  napi_value result, kinds, sizes, mtimes, values;
  if (napi_create_object(env, &result) != napi_ok) return NULL;
  kinds = typed_copy(env, napi_uint8_array, d->kinds, d->count, 1);
  sizes = typed_copy(env, napi_float64_array, d->sizes, d->count, sizeof(double));
  mtimes = typed_copy(env, napi_float64_array, d->mtimes, 2 * (size_t)d->count, sizeof(double));
  if (kinds == NULL || sizes == NULL || mtimes == NULL) return NULL;
  values = column_strings(env, &d->columns[0], d->count);
  if (values == NULL) return NULL;
  if (d->column_count > 1) {
    napi_value second = column_strings(env, &d->columns[1], d->count);
    if (second == NULL || napi_set_named_property(env, result, "secondValues", second) != napi_ok) return NULL;
  }
  if (napi_set_named_property(env, result, "kinds", kinds) != napi_ok ||
      napi_set_named_property(env, result, "sizes", sizes) != napi_ok ||
      napi_set_named_property(env, result, "mtimes", mtimes) != napi_ok ||
      napi_set_named_property(env, result, "values", values) != napi_ok)
    return NULL;
  return result;
}

static napi_value outcome(napi_env env, void *data, bool *failed) {
  describe_t *d = data;
  if (d->err == 0) return result_object(env, d);
  /* Shaped like Node's fs errors, so the backend's errno mapping treats it as it treated the
   * per-entry calls' errors. */
  *failed = true;
  return node_errno_error(env, d->err, d->syscall, d->paths + d->path_at[d->failed], NULL);
}

static void complete(napi_env env, napi_status status, void *data) {
  native_call_settle(env, data, status, outcome, describe_free);
}

/* The attribute names: one string, or an array of one or two. */
static const char *parse_attributes(napi_env env, napi_value arg, describe_t *d, const char **code) {
  bool is_array = false;
  if (napi_is_array(env, arg, &is_array) != napi_ok || !is_array) {
    d->column_count = 1;
    return native_call_string(env, arg, "attribute", &d->columns[0].name, code);
  }
  uint32_t names = 0;
  napi_get_array_length(env, arg, &names);
  if (names < 1 || names > MAX_COLUMNS) return "The \"attribute\" argument must be a string or an array of one or two strings";
  d->column_count = names;
  for (uint32_t c = 0; c < names; c++) {
    napi_value item;
    if (napi_get_element(env, arg, c, &item) != napi_ok) return "The \"attribute\" argument must be a string or an array of one or two strings";
    const char *bad = native_call_string(env, item, "attribute", &d->columns[c].name, code);
    if (bad != NULL) return bad;
  }
  return NULL;
}

/* describeEntries(paths, attribute): the paths copied back to back, and room for the results. */
static const char *parse(napi_env env, const napi_value *args, void *data, const char **code) {
  describe_t *d = data;
  bool is_array = false;
  if (napi_is_array(env, args[0], &is_array) != napi_ok || !is_array) return "The \"paths\" argument must be an array of strings";
  const char *bad = parse_attributes(env, args[1], d, code);
  if (bad != NULL) return bad;

  uint32_t count = 0;
  napi_get_array_length(env, args[0], &count);
  d->count = count;
  size_t n = count > 0 ? count : 1;
  d->path_at = malloc(n * sizeof *d->path_at);
  d->kinds = calloc(n, 1);
  d->sizes = calloc(n, sizeof *d->sizes);
  d->mtimes = calloc(2 * n, sizeof *d->mtimes);
  if (!d->path_at || !d->kinds || !d->sizes || !d->mtimes) return NATIVE_CALL_OUT_OF_MEMORY;
  for (uint32_t c = 0; c < d->column_count; c++) {
    d->columns[c].value_at = calloc(n, sizeof *d->columns[c].value_at);
    d->columns[c].value_len = calloc(n, sizeof *d->columns[c].value_len);
    if (!d->columns[c].value_at || !d->columns[c].value_len) return NATIVE_CALL_OUT_OF_MEMORY;
  }

  size_t total = 0, cap = 0;
  for (uint32_t i = 0; i < count; i++) {
    napi_value item;
    char *path = NULL;
    if (napi_get_element(env, args[0], i, &item) != napi_ok) return "The \"paths\" argument must be an array of strings";
    bad = native_call_string(env, item, "paths", &path, code);
    if (bad != NULL) return bad;
    size_t len = strlen(path);
    if (total + len + 1 > cap) {
      cap = cap ? cap : 128 * n;
      while (cap < total + len + 1) cap *= 2;
      char *grown = realloc(d->paths, cap);
      if (grown == NULL) {
        free(path);
        return NATIVE_CALL_OUT_OF_MEMORY;
      }
      d->paths = grown;
    }
    memcpy(d->paths + total, path, len + 1);
    free(path);
    d->path_at[i] = (uint32_t)total;
    total += len + 1;
    if (total > UINT32_MAX) return "The \"paths\" argument is too large";
  }
  return NULL;
}

static const native_call_spec_t describe_spec = {
    .resource = "tracegw.describeEntries",
    .argc = 2,
    .size = sizeof(describe_t),
    .parse = parse,
    .execute = execute,
    .complete = complete,
    .release = describe_free,
};

static napi_value describe_entries(napi_env env, napi_callback_info info) {
  return native_call_start(env, info, &describe_spec);
}

napi_status register_listing(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"describeEntries", NULL, describe_entries, NULL, NULL, NULL, napi_enumerable, NULL},
      {"readDirectory", NULL, read_directory, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  return napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
}
