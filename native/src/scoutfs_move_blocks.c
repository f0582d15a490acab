/*
 * moveBlocks(fromFd, fromOff, length, toFd, toOff): ScoutFS's SCOUTFS_IOC_MOVE_BLOCKS, which
 * moves the extents of fromFd's range into toFd at toOff without copying a byte (the scoutfs
 * backend's CompleteMultipartUpload). Resolves true once the range is moved, false where the file
 * system has no such ioctl (any file system but ScoutFS: ENOTTY, EOPNOTSUPP) or refuses this
 * range before moving anything it checks first (EINVAL: off the 4 KiB grid); rejects on real
 * failures. The caller decides what a false means for a range that may have moved in part.
 *
 * moveBlocksLayout(): the struct and ioctl number this file was built with, for the test that
 * compares them with ScoutFS's published header. The contract is src/backends/scoutfs/scoutfs-native.types.ts.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/ioctl.h>

#include <linux/types.h>

#include "native_call.h"
#include "node_error.h"
#include "scoutfs_move_blocks.h"

/*
 * As ScoutFS declares them in kmod/src/ioctl.h (github.com/versity/scoutfs): the header is not
 * installed on machines without ScoutFS, so the two declarations are repeated here, and the
 * static asserts below pin the layout the kernel reads (naturally aligned __u64s, no padding).
 */
#define SCOUTFS_IOCTL_MAGIC 0xE8

struct scoutfs_ioctl_move_blocks {
  __u64 from_fd;
  __u64 from_off;
  __u64 len;
  __u64 to_off;
  __u64 data_version;
  __u64 flags;
};

#define SCOUTFS_IOC_MOVE_BLOCKS _IOW(SCOUTFS_IOCTL_MAGIC, 13, struct scoutfs_ioctl_move_blocks)

_Static_assert(sizeof(struct scoutfs_ioctl_move_blocks) == 48, "six __u64 fields, no padding");
_Static_assert(offsetof(struct scoutfs_ioctl_move_blocks, from_fd) == 0, "from_fd first");
_Static_assert(offsetof(struct scoutfs_ioctl_move_blocks, from_off) == 8, "from_off second");
_Static_assert(offsetof(struct scoutfs_ioctl_move_blocks, len) == 16, "len third");
_Static_assert(offsetof(struct scoutfs_ioctl_move_blocks, to_off) == 24, "to_off fourth");
_Static_assert(offsetof(struct scoutfs_ioctl_move_blocks, data_version) == 32, "data_version fifth");
_Static_assert(offsetof(struct scoutfs_ioctl_move_blocks, flags) == 40, "flags sixth");
_Static_assert(SCOUTFS_IOC_MOVE_BLOCKS == 0x4030E80DUL, "_IOW(0xE8, 13, 48 bytes)");

typedef struct {
  native_call_t call;
  int from_fd;
  int to_fd;
  int64_t from_off;
  int64_t to_off;
  int64_t length;

  int err;
  int moved; /* 1: moved; 0: no such ioctl here */
} move_blocks_t;

/* What ioctl() says where the file system has no move-blocks, or refuses the range up front. */
static int not_here(int err) {
  return err == ENOTTY || err == EOPNOTSUPP || err == ENOTSUP || err == ENOSYS || err == EINVAL || err == EXDEV;
}

static void execute(napi_env env, void *data) {
  (void)env;
  move_blocks_t *m = data;
  struct scoutfs_ioctl_move_blocks mb = {
      .from_fd = (__u64)m->from_fd,
      .from_off = (__u64)m->from_off,
      .len = (__u64)m->length,
      .to_off = (__u64)m->to_off,
      .data_version = 0, /* only read with SCOUTFS_IOC_MB_STAGE */
      .flags = 0,
  };
  for (;;) {
    if (ioctl(m->to_fd, SCOUTFS_IOC_MOVE_BLOCKS, &mb) == 0) {
      m->moved = 1;
      return;
    }
    /* Interrupted: extents already moved are holes in the source now, so asking again moves the rest. */
    if (errno == EINTR) continue;
    if (!not_here(errno)) m->err = errno;
    return;
  }
}

static napi_value outcome(napi_env env, void *data, bool *failed) {
  move_blocks_t *m = data;
  napi_value v = NULL;
  if (m->err != 0) {
    *failed = true;
    return node_errno_error(env, m->err, "ioctl_scoutfs_move_blocks", NULL, NULL);
  }
  napi_get_boolean(env, m->moved == 1, &v);
  return v;
}

static void release(void *data) { free(data); }

static void complete(napi_env env, napi_status status, void *data) { native_call_settle(env, data, status, outcome, release); }

static const char *integer(napi_env env, napi_value value, const char *what, int64_t max, int64_t *out) {
  double d = -1;
  napi_valuetype type;
  if (napi_typeof(env, value, &type) != napi_ok || type != napi_number) return what;
  napi_get_value_double(env, value, &d);
  if (!(d >= 0 && d <= (double)max) || d != (double)(int64_t)d) return what;
  *out = (int64_t)d;
  return NULL;
}

static const char *parse(napi_env env, const napi_value *args, void *data, const char **code) {
  move_blocks_t *m = data;
  const int64_t max_safe = 9007199254740991LL;
  int64_t from_fd = 0, to_fd = 0;
  const char *bad = integer(env, args[0], "The \"fromFd\" argument must be a descriptor", 2147483647LL, &from_fd);
  if (bad == NULL) bad = integer(env, args[1], "The \"fromOff\" argument must be a non-negative safe integer", max_safe, &m->from_off);
  if (bad == NULL) bad = integer(env, args[2], "The \"length\" argument must be a non-negative safe integer", max_safe, &m->length);
  if (bad == NULL) bad = integer(env, args[3], "The \"toFd\" argument must be a descriptor", 2147483647LL, &to_fd);
  if (bad == NULL) bad = integer(env, args[4], "The \"toOff\" argument must be a non-negative safe integer", max_safe, &m->to_off);
  m->from_fd = (int)from_fd;
  m->to_fd = (int)to_fd;
  (void)code;
  return bad;
}

static const native_call_spec_t MOVE_BLOCKS = {
    .resource = "tracegw.moveBlocks",
    .argc = 5,
    .size = sizeof(move_blocks_t),
    .parse = parse,
    .execute = execute,
    .complete = complete,
    .release = release,
};

static napi_value move_blocks(napi_env env, napi_callback_info info) { return native_call_start(env, info, &MOVE_BLOCKS); }

static napi_status set_number(napi_env env, napi_value object, const char *name, double value) {
  napi_value v;
  napi_status status = napi_create_double(env, value, &v);
  return status == napi_ok ? napi_set_named_property(env, object, name, v) : status;
}

static napi_value move_blocks_layout(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value layout, offsets;
  if (napi_create_object(env, &layout) != napi_ok || napi_create_object(env, &offsets) != napi_ok) return NULL;
  set_number(env, offsets, "from_fd", offsetof(struct scoutfs_ioctl_move_blocks, from_fd));
  set_number(env, offsets, "from_off", offsetof(struct scoutfs_ioctl_move_blocks, from_off));
  set_number(env, offsets, "len", offsetof(struct scoutfs_ioctl_move_blocks, len));
  set_number(env, offsets, "to_off", offsetof(struct scoutfs_ioctl_move_blocks, to_off));
  set_number(env, offsets, "data_version", offsetof(struct scoutfs_ioctl_move_blocks, data_version));
  set_number(env, offsets, "flags", offsetof(struct scoutfs_ioctl_move_blocks, flags));
  set_number(env, layout, "size", sizeof(struct scoutfs_ioctl_move_blocks));
  set_number(env, layout, "fieldSize", sizeof(((struct scoutfs_ioctl_move_blocks *)0)->from_fd));
  set_number(env, layout, "request", (double)SCOUTFS_IOC_MOVE_BLOCKS);
  napi_set_named_property(env, layout, "offsets", offsets);
  return layout;
}

napi_status register_scoutfs_move_blocks(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"moveBlocks", NULL, move_blocks, NULL, NULL, NULL, napi_enumerable, NULL},
      {"moveBlocksLayout", NULL, move_blocks_layout, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  return napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
}
