/*
 * Both CRCs are the reflected kind S3 uses (init all ones, final xor all ones), continued from a
 * previous value the way zlib's crc32(data, value) is: value is the checksum of everything
 * before this chunk (0 to start).
 *   CRC-32C (Castagnoli): polynomial 0x1EDC6F41, reflected 0x82F63B78. On x86-64 with SSE4.2
 *     the CPU's crc32 instruction, 8 bytes at a time; elsewhere slicing-by-8 tables.
 *   CRC-64/NVME: polynomial 0xAD93D23594C93659, reflected 0x9A6C9329AC4BC9B5; slicing-by-8.
 */
#include "checksums.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#if defined(__x86_64__)
#include <nmmintrin.h>
#endif

static uint32_t crc32c_table[8][256];
static uint64_t crc64_table[8][256];
static bool has_sse42;

static void build_tables(void) {
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c32 = n;
    uint64_t c64 = n;
    for (int k = 0; k < 8; k++) {
      c32 = (c32 & 1) ? (c32 >> 1) ^ 0x82F63B78u : c32 >> 1;
      c64 = (c64 & 1) ? (c64 >> 1) ^ 0x9A6C9329AC4BC9B5ull : c64 >> 1;
    }
    crc32c_table[0][n] = c32;
    crc64_table[0][n] = c64;
  }
  for (uint32_t n = 0; n < 256; n++) {
    for (int t = 1; t < 8; t++) {
      crc32c_table[t][n] = (crc32c_table[t - 1][n] >> 8) ^ crc32c_table[0][crc32c_table[t - 1][n] & 0xff];
      crc64_table[t][n] = (crc64_table[t - 1][n] >> 8) ^ crc64_table[0][crc64_table[t - 1][n] & 0xff];
    }
  }
#if defined(__x86_64__)
  __builtin_cpu_init();
  has_sse42 = __builtin_cpu_supports("sse4.2");
#endif
}

static uint64_t load64(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, sizeof v); /* unaligned-safe; the tables assume little-endian, as x86-64 and arm64 are */
  return v;
}

static uint32_t crc32c_tables(uint32_t crc, const uint8_t *p, size_t n) {
  for (; n >= 8; n -= 8, p += 8) {
    uint64_t v = load64(p) ^ crc;
    crc = crc32c_table[7][v & 0xff] ^ crc32c_table[6][(v >> 8) & 0xff] ^ crc32c_table[5][(v >> 16) & 0xff] ^
          crc32c_table[4][(v >> 24) & 0xff] ^ crc32c_table[3][(v >> 32) & 0xff] ^ crc32c_table[2][(v >> 40) & 0xff] ^
          crc32c_table[1][(v >> 48) & 0xff] ^ crc32c_table[0][v >> 56];
  }
  while (n--) crc = (crc >> 8) ^ crc32c_table[0][(crc ^ *p++) & 0xff];
  return crc;
}

#if defined(__x86_64__)
__attribute__((target("sse4.2"))) static uint32_t crc32c_sse42(uint32_t crc, const uint8_t *p, size_t n) {
  uint64_t c = crc;
  for (; n >= 8; n -= 8, p += 8) c = _mm_crc32_u64(c, load64(p));
  crc = (uint32_t)c;
  while (n--) crc = _mm_crc32_u8(crc, *p++);
  return crc;
}
#endif

static uint32_t crc32c_update(uint32_t value, const uint8_t *p, size_t n) {
  uint32_t crc = ~value;
#if defined(__x86_64__)
  if (has_sse42) return ~crc32c_sse42(crc, p, n);
#endif
  return ~crc32c_tables(crc, p, n);
}

static uint64_t crc64nvme_update(uint64_t value, const uint8_t *p, size_t n) {
  uint64_t crc = ~value;
  for (; n >= 8; n -= 8, p += 8) {
    uint64_t v = load64(p) ^ crc;
    crc = crc64_table[7][v & 0xff] ^ crc64_table[6][(v >> 8) & 0xff] ^ crc64_table[5][(v >> 16) & 0xff] ^
          crc64_table[4][(v >> 24) & 0xff] ^ crc64_table[3][(v >> 32) & 0xff] ^ crc64_table[2][(v >> 40) & 0xff] ^
          crc64_table[1][(v >> 48) & 0xff] ^ crc64_table[0][v >> 56];
  }
  while (n--) crc = (crc >> 8) ^ crc64_table[0][(crc ^ *p++) & 0xff];
  return ~crc;
}

/* ---- N-API: (data: Buffer or another view of bytes, value) -> value; a TypeError for anything else ---- */

/* Node counts every ArrayBufferView as a buffer here (Buffer::HasInstance): its bytes are hashed. */
static bool bytes_of(napi_env env, napi_value v, const uint8_t **data, size_t *len) {
  bool is = false;
  void *d = NULL;
  if (napi_is_buffer(env, v, &is) != napi_ok || !is || napi_get_buffer_info(env, v, &d, len) != napi_ok) return false;
  *data = d;
  return true;
}

static napi_value type_error(napi_env env, const char *message) {
  napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", message);
  return NULL;
}

/* Both calls' arguments: the bytes (a TypeError naming `fn` otherwise) and the previous value, if given. */
static bool data_and_value(napi_env env, napi_callback_info info, const char *fn, const uint8_t **data, size_t *len, napi_value *value) {
  size_t argc = 2;
  napi_value args[2];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  if (argc < 1 || !bytes_of(env, args[0], data, len)) {
    char message[96];
    snprintf(message, sizeof message, "%s: data must be a Buffer or Uint8Array", fn);
    napi_throw_type_error(env, "ERR_INVALID_ARG_TYPE", message);
    return false;
  }
  *value = argc >= 2 ? args[1] : NULL;
  return true;
}

static napi_value crc32c_js(napi_env env, napi_callback_info info) {
  const uint8_t *data = NULL;
  size_t len = 0;
  napi_value previous = NULL;
  if (!data_and_value(env, info, "crc32c", &data, &len, &previous)) return NULL;
  uint32_t value = 0;
  if (previous != NULL && napi_get_value_uint32(env, previous, &value) != napi_ok) return type_error(env, "crc32c: value must be a number");
  napi_value out;
  napi_create_uint32(env, crc32c_update(value, data, len), &out);
  return out;
}

static napi_value crc64nvme_js(napi_env env, napi_callback_info info) {
  const uint8_t *data = NULL;
  size_t len = 0;
  napi_value previous = NULL;
  if (!data_and_value(env, info, "crc64nvme", &data, &len, &previous)) return NULL;
  uint64_t value = 0;
  bool lossless = true;
  if (previous != NULL && napi_get_value_bigint_uint64(env, previous, &value, &lossless) != napi_ok) return type_error(env, "crc64nvme: value must be a bigint");
  if (!lossless) return type_error(env, "crc64nvme: value must fit in 64 bits");
  napi_value out;
  napi_create_bigint_uint64(env, crc64nvme_update(value, data, len), &out);
  return out;
}

napi_status register_checksums(napi_env env, napi_value exports) {
  /* Once per process: the module initialises again in each worker thread, which must not
   * rewrite the tables under a thread that is reading them. */
  static pthread_once_t tables_built = PTHREAD_ONCE_INIT;
  pthread_once(&tables_built, build_tables);
  napi_property_descriptor props[] = {
      {"crc32c", NULL, crc32c_js, NULL, NULL, NULL, napi_enumerable, NULL},
      {"crc64nvme", NULL, crc64nvme_js, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  return napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
}
