/*
 * readDirectory(path, limit): every entry of a directory but `.` and `..`, as parallel arrays of
 * names and types, sorted by the bytes of the name with a directory's name read as `name/` (the
 * order keys take in S3, for valid UTF-8; the caller sorts again, which costs it one comparison
 * an entry when the order is already right). Resolves undefined when the directory holds more
 * than `limit` entries: the caller streams it instead, so memory stays bounded. The contract is
 * readDirectory in src/backends/posix/native.types.ts.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "native_call.h"
#include "node_error.h"
#include "plain_error.h"
#include "read_directory.h"

enum { TYPE_OTHER = 0, TYPE_FILE = 1, TYPE_DIRECTORY = 2, TYPE_SYMLINK = 3 };

typedef struct {
  uint32_t at;  /* offset of the name in `names` */
  uint32_t len; /* its length in bytes */
  uint8_t type;
} entry_t;

typedef struct {
  native_call_t call;
  char *path;
  uint32_t limit;

  char *names; /* the names, back to back, not NUL-terminated */
  size_t names_len, names_cap;
  entry_t *entries;
  uint32_t count, cap;
  bool too_large;

  int err;
  const char *syscall;
} read_dir_t;

static void read_dir_free(void *data) {
  read_dir_t *r = data;
  free(r->path);
  free(r->names);
  free(r->entries);
  free(r);
}

/* ---- worker thread side ---- */

static uint8_t type_of_mode(mode_t mode) {
  if (S_ISREG(mode)) return TYPE_FILE;
  if (S_ISDIR(mode)) return TYPE_DIRECTORY;
  if (S_ISLNK(mode)) return TYPE_SYMLINK;
  return TYPE_OTHER;
}

/* The entry's type from d_type, or from fstatat where the file system does not say (DT_UNKNOWN:
 * XFS without ftype, some network file systems), as Node's Dirent does. -1: it vanished. */
static int type_of(int dirfd, const struct dirent *e) {
  switch (e->d_type) {
    case DT_REG:
      return TYPE_FILE;
    case DT_DIR:
      return TYPE_DIRECTORY;
    case DT_LNK:
      return TYPE_SYMLINK;
    case DT_UNKNOWN: {
      struct stat st;
      if (fstatat(dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) return errno == ENOENT ? -1 : TYPE_OTHER;
      return type_of_mode(st.st_mode);
    }
    default:
      return TYPE_OTHER;
  }
}

static bool add_entry(read_dir_t *r, const char *name, size_t len, uint8_t type) {
  if (r->count == r->cap) {
    uint32_t cap = r->cap ? r->cap * 2 : 256;
    entry_t *grown = realloc(r->entries, cap * sizeof *grown);
    if (grown == NULL) return false;
    r->entries = grown;
    r->cap = cap;
  }
  if (r->names_len + len > r->names_cap) {
    size_t cap = r->names_cap ? r->names_cap : 4096;
    while (cap < r->names_len + len) cap *= 2;
    char *grown = realloc(r->names, cap);
    if (grown == NULL) return false;
    r->names = grown;
    r->names_cap = cap;
  }
  memcpy(r->names + r->names_len, name, len);
  r->entries[r->count++] = (entry_t){.at = (uint32_t)r->names_len, .len = (uint32_t)len, .type = type};
  r->names_len += len;
  return true;
}

/* qsort has no context argument: the names buffer of the sort running on this thread. */
static _Thread_local const char *sorting_names;

/* Byte order of the names, a directory's read as `name/`. Names hold no '/', so two names that
 * agree up to the shorter's end differ right after it. */
static int compare_entries(const void *pa, const void *pb) {
  const entry_t *a = pa, *b = pb;
  uint32_t n = a->len < b->len ? a->len : b->len;
  int c = memcmp(sorting_names + a->at, sorting_names + b->at, n);
  if (c != 0) return c;
  int next_a = a->len > n ? (unsigned char)sorting_names[a->at + n] : a->type == TYPE_DIRECTORY ? '/' : -1;
  int next_b = b->len > n ? (unsigned char)sorting_names[b->at + n] : b->type == TYPE_DIRECTORY ? '/' : -1;
  return next_a - next_b;
}

static void execute(napi_env env, void *data) {
  (void)env;
  read_dir_t *r = data;
  DIR *dir = opendir(r->path);
  if (dir == NULL) {
    r->err = errno;
    r->syscall = "opendir";
    return;
  }
  int fd = dirfd(dir);
  for (;;) {
    errno = 0;
    struct dirent *e = readdir(dir);
    if (e == NULL) {
      if (errno != 0) {
        r->err = errno;
        r->syscall = "readdir";
      }
      break;
    }
    const char *name = e->d_name;
    if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
    if (r->count >= r->limit) {
      r->too_large = true;
      break;
    }
    int type = type_of(fd, e);
    if (type < 0) continue;
    if (!add_entry(r, name, strlen(name), (uint8_t)type)) {
      r->err = ENOMEM;
      r->syscall = "readdir";
      break;
    }
  }
  closedir(dir);
  if (r->err != 0 || r->too_large) return;
  sorting_names = r->names;
  qsort(r->entries, r->count, sizeof *r->entries, compare_entries);
}

/* ---- main thread side ---- */

static napi_value result_object(napi_env env, const read_dir_t *r) {
  napi_value result, names, types_buffer, types;
  void *types_data = NULL;
  if (napi_create_object(env, &result) != napi_ok) return NULL;
  if (napi_create_array_with_length(env, r->count, &names) != napi_ok) return NULL;
  if (napi_create_arraybuffer(env, r->count, &types_data, &types_buffer) != napi_ok) return NULL;
  if (napi_create_typedarray(env, napi_uint8_array, r->count, types_buffer, 0, &types) != napi_ok) return NULL;
  for (uint32_t i = 0; i < r->count; i++) {
    const entry_t *e = &r->entries[i];
    napi_value name;
    /* Decoded as Node decodes Dirent names: a malformed sequence becomes U+FFFD. */
    if (napi_create_string_utf8(env, r->names + e->at, e->len, &name) != napi_ok) return NULL;
    if (napi_set_element(env, names, i, name) != napi_ok) return NULL;
    ((uint8_t *)types_data)[i] = e->type;
  }
  if (napi_set_named_property(env, result, "names", names) != napi_ok || napi_set_named_property(env, result, "types", types) != napi_ok)
    return NULL;
  return result;
}

static napi_value outcome(napi_env env, void *data, bool *failed) {
  read_dir_t *r = data;
  if (r->err != 0) {
    *failed = true;
    return node_errno_error(env, r->err, r->syscall, r->path, NULL);
  }
  if (!r->too_large) return result_object(env, r);
  napi_value undefined;
  napi_get_undefined(env, &undefined);
  return undefined;
}

static void complete(napi_env env, napi_status status, void *data) {
  native_call_settle(env, data, status, outcome, read_dir_free);
}

/* readDirectory(path, limit). */
static const char *parse(napi_env env, const napi_value *args, void *data, const char **code) {
  read_dir_t *r = data;
  const char *bad = native_call_string(env, args[0], "path", &r->path, code);
  if (bad != NULL) return bad;
  napi_valuetype type;
  double max = 0;
  if (napi_typeof(env, args[1], &type) != napi_ok || type != napi_number) return "The \"limit\" argument must be of type number";
  napi_get_value_double(env, args[1], &max);
  if (!(max >= 0 && max <= 16777216.0) || max != (double)(uint32_t)max) {
    *code = "ERR_OUT_OF_RANGE";
    return "The \"limit\" argument must be an integer from 0 to 2^24";
  }
  r->limit = (uint32_t)max;
  return NULL;
}

static const native_call_spec_t read_directory_spec = {
    .resource = "tracegw.readDirectory",
    .argc = 2,
    .size = sizeof(read_dir_t),
    .parse = parse,
    .execute = execute,
    .complete = complete,
    .release = read_dir_free,
};

napi_value read_directory(napi_env env, napi_callback_info info) {
  return native_call_start(env, info, &read_directory_spec);
}
