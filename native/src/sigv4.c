/*
 * sigv4Signature(signingKey, method, rawPath, rawQuery, excludedName, requestTail, stringToSignHead)
 *   canonical request = method "\n" canonicalUri(rawPath) "\n" canonicalQuery(rawQuery) "\n" requestTail
 *   string to sign    = stringToSignHead hex(sha256(canonical request))
 *   → hex(HMAC-SHA256(signingKey, string to sign))
 * requestTail is the canonical headers, signed headers and payload hash as the caller joined
 * them; excludedName is a query parameter left out ("X-Amz-Signature" for a presigned URL, ""
 * for none). The rules are canonical-request.ts's, byte for byte: S3's canonical URI (each
 * '/'-separated segment decoded and encoded once), query parameters decoded and encoded again,
 * sorted by encoded name then value; a '%' not followed by two hex digits is a literal '%';
 * characters beyond ASCII count as their UTF-8 bytes (what Node-API hands over).
 * SHA-256 comes from the OpenSSL inside Node, which Node exports to addons.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/sha.h>

#include "plain_error.h"
#include "sigv4.h"

#define STACK_STRING 2048

/* A JS string's UTF-8 bytes: in `stack` when they fit, else in memory the caller frees. */
typedef struct {
  char *data;
  size_t len;
  bool heap;
} text_t;

static bool get_text(napi_env env, napi_value value, char *stack, text_t *out) {
  size_t len = 0;
  /* One copy into the stack buffer for nearly every argument. Node-API stops before a character
   * that does not fit whole, so a result within a character's 4 bytes of the end may be cut
   * short: only then is the length asked for and the text copied again into memory of its size. */
  if (napi_get_value_string_utf8(env, value, stack, STACK_STRING, &len) != napi_ok) return false;
  if (len + 4 < STACK_STRING) {
    *out = (text_t){stack, len, false};
    return true;
  }
  if (napi_get_value_string_utf8(env, value, NULL, 0, &len) != napi_ok) return false;
  char *data = malloc(len + 1);
  if (data == NULL) return false;
  napi_get_value_string_utf8(env, value, data, len + 1, &len);
  *out = (text_t){data, len, true};
  return true;
}

static void free_text(text_t *t) {
  if (t->heap) free(t->data);
}

/* A byte buffer that grows. */
typedef struct {
  unsigned char *data;
  size_t len, cap;
  bool failed;
} out_t;

static void reserve(out_t *o, size_t more) {
  if (o->failed || o->len + more <= o->cap) return;
  size_t cap = o->cap ? o->cap * 2 : 1024;
  while (cap < o->len + more) cap *= 2;
  unsigned char *grown = realloc(o->data, cap);
  if (grown == NULL) {
    o->failed = true;
    return;
  }
  o->data = grown;
  o->cap = cap;
}

static void put(out_t *o, const void *src, size_t n) {
  reserve(o, n);
  if (o->failed) return;
  memcpy(o->data + o->len, src, n);
  o->len += n;
}

static void put_byte(out_t *o, unsigned char b) { put(o, &b, 1); }

static bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
}

static int hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

static const char HEX_UPPER[] = "0123456789ABCDEF";

/* The byte that raw component [s, s+n) holds at i, percent-decoded leniently (a '%' not followed
 * by two hex digits is itself); returns how many characters it took. */
static size_t decode_at(const unsigned char *s, size_t n, size_t i, unsigned char *b) {
  if (s[i] == '%' && i + 2 < n) {
    int hi = hex_value(s[i + 1]);
    int lo = hex_value(s[i + 2]);
    if (hi >= 0 && lo >= 0) {
      *b = (unsigned char)(hi << 4 | lo);
      return 3;
    }
  }
  *b = s[i];
  return 1;
}

/* The canonical form of a raw component [s, s+n): percent-decoded (leniently), every byte but the
 * unreserved ones encoded as %XX. Components of unreserved bytes only are copied as they are. */
static void put_canonical(out_t *o, const unsigned char *s, size_t n) {
  reserve(o, 3 * n);
  if (o->failed) return;
  unsigned char *w = o->data + o->len;
  for (size_t i = 0; i < n;) {
    unsigned char b;
    i += decode_at(s, n, i, &b);
    if (unreserved(b)) {
      *w++ = b;
    } else {
      *w++ = '%';
      *w++ = (unsigned char)HEX_UPPER[b >> 4];
      *w++ = (unsigned char)HEX_UPPER[b & 15];
    }
  }
  o->len = (size_t)(w - o->data);
}

/* Whether raw component [s, s+n) decodes to exactly the bytes of `name`. */
static bool decodes_to(const unsigned char *s, size_t n, const char *name, size_t name_len) {
  size_t k = 0;
  for (size_t i = 0; i < n; k++) {
    unsigned char b;
    i += decode_at(s, n, i, &b);
    if (k >= name_len || (unsigned char)name[k] != b) return false;
  }
  return k == name_len;
}

static void put_canonical_uri(out_t *o, const unsigned char *path, size_t n) {
  if (n == 0) {
    put_byte(o, '/');
    return;
  }
  size_t start = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i == n || path[i] == '/') {
      put_canonical(o, path + start, i - start);
      if (i < n) put_byte(o, '/');
      start = i + 1;
    }
  }
}

/* One query parameter's canonical name and value, as offsets into a scratch buffer. */
typedef struct {
  const unsigned char *base;
  size_t name_at, name_len, value_at, value_len;
} param_t;

static int compare_bytes(const unsigned char *a, size_t an, const unsigned char *b, size_t bn) {
  int c = memcmp(a, b, an < bn ? an : bn);
  if (c != 0) return c;
  return an < bn ? -1 : an > bn ? 1 : 0;
}

static int by_canonical_order(const void *x, const void *y) {
  const param_t *a = x, *b = y;
  int c = compare_bytes(a->base + a->name_at, a->name_len, b->base + b->name_at, b->name_len);
  if (c != 0) return c;
  return compare_bytes(a->base + a->value_at, a->value_len, b->base + b->value_at, b->value_len);
}

/* The canonical query string of rawQuery, without the parameters whose decoded name is `excluded`. */
static void put_canonical_query(out_t *o, const unsigned char *q, size_t n, const char *excluded, size_t excluded_len) {
  size_t count = 1;
  for (size_t i = 0; i < n; i++) count += q[i] == '&';
  param_t stack_params[32];
  param_t *params = count <= 32 ? stack_params : malloc(count * sizeof *params);
  if (params == NULL) {
    o->failed = true;
    return;
  }
  /* Canonical forms go to a scratch buffer first: they must be sorted before they are joined. */
  out_t scratch = {0};
  size_t kept = 0;
  size_t start = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i < n && q[i] != '&') continue;
    const unsigned char *part = q + start;
    size_t len = i - start;
    start = i + 1;
    if (len == 0) continue;
    const unsigned char *eq = memchr(part, '=', len);
    size_t name_len = eq ? (size_t)(eq - part) : len;
    if (excluded_len > 0 && decodes_to(part, name_len, excluded, excluded_len)) continue;
    param_t *p = &params[kept++];
    p->name_at = scratch.len;
    put_canonical(&scratch, part, name_len);
    p->name_len = scratch.len - p->name_at;
    p->value_at = scratch.len;
    if (eq) put_canonical(&scratch, eq + 1, len - name_len - 1);
    p->value_len = scratch.len - p->value_at;
  }
  if (!scratch.failed) {
    for (size_t i = 0; i < kept; i++) params[i].base = scratch.data;
    qsort(params, kept, sizeof *params, by_canonical_order);
    for (size_t i = 0; i < kept; i++) {
      if (i > 0) put_byte(o, '&');
      put(o, scratch.data + params[i].name_at, params[i].name_len);
      put_byte(o, '=');
      put(o, scratch.data + params[i].value_at, params[i].value_len);
    }
  } else {
    o->failed = true;
  }
  free(scratch.data);
  if (params != stack_params) free(params);
}

/* HMAC-SHA256 (RFC 2104) over the low-level digest: HMAC() fetches the algorithm and allocates a
 * context per call, which cost more than the two hashes themselves. */
static void hmac_sha256(const unsigned char *key, size_t key_len, const unsigned char *msg, size_t msg_len, unsigned char *mac) {
  unsigned char block[64] = {0};
  if (key_len > sizeof block) SHA256(key, key_len, block);
  else memcpy(block, key, key_len);
  unsigned char pad[64];
  unsigned char inner[SHA256_DIGEST_LENGTH];
  SHA256_CTX ctx;
  for (size_t i = 0; i < sizeof pad; i++) pad[i] = block[i] ^ 0x36;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, pad, sizeof pad);
  SHA256_Update(&ctx, msg, msg_len);
  SHA256_Final(inner, &ctx);
  for (size_t i = 0; i < sizeof pad; i++) pad[i] = block[i] ^ 0x5c;
  SHA256_Init(&ctx);
  SHA256_Update(&ctx, pad, sizeof pad);
  SHA256_Update(&ctx, inner, sizeof inner);
  SHA256_Final(mac, &ctx);
}

static void to_hex(const unsigned char *digest, size_t n, char *hex) {
  static const char HEX_LOWER[] = "0123456789abcdef";
  for (size_t i = 0; i < n; i++) {
    hex[2 * i] = HEX_LOWER[digest[i] >> 4];
    hex[2 * i + 1] = HEX_LOWER[digest[i] & 15];
  }
}

#define ARGS 7
#define USAGE \
  "sigv4Signature(signingKey, method, rawPath, rawQuery, excludedName, requestTail, stringToSignHead): a Buffer and six strings"

static napi_value sigv4_signature(napi_env env, napi_callback_info info) {
  size_t argc = ARGS;
  napi_value args[ARGS];
  napi_get_cb_info(env, info, &argc, args, NULL, NULL);
  bool is_buffer = false;
  if (argc == ARGS) napi_is_buffer(env, args[0], &is_buffer);
  for (size_t i = 1; is_buffer && i < ARGS; i++) {
    napi_valuetype type;
    napi_typeof(env, args[i], &type);
    if (type != napi_string) is_buffer = false;
  }
  if (!is_buffer) {
    napi_throw(env, plain_error(env, "ERR_INVALID_ARG_TYPE", USAGE, true));
    return NULL;
  }
  void *key = NULL;
  size_t key_len = 0;
  napi_get_buffer_info(env, args[0], &key, &key_len);

  char stacks[ARGS - 1][STACK_STRING];
  text_t t[ARGS - 1] = {{0}};
  bool ok = true;
  for (size_t i = 1; ok && i < ARGS; i++) ok = get_text(env, args[i], stacks[i - 1], &t[i - 1]);
  const text_t *method = &t[0], *path = &t[1], *query = &t[2], *excluded = &t[3], *tail = &t[4], *head = &t[5];

  napi_value result = NULL;
  out_t request = {0};
  if (ok) {
    put(&request, method->data, method->len);
    put_byte(&request, '\n');
    put_canonical_uri(&request, (const unsigned char *)path->data, path->len);
    put_byte(&request, '\n');
    put_canonical_query(&request, (const unsigned char *)query->data, query->len, excluded->data, excluded->len);
    put_byte(&request, '\n');
    put(&request, tail->data, tail->len);
    ok = !request.failed;
  }
  if (ok) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(request.data, request.len, digest);
    out_t to_sign = {0};
    put(&to_sign, head->data, head->len);
    reserve(&to_sign, 2 * SHA256_DIGEST_LENGTH);
    if (!to_sign.failed) {
      to_hex(digest, SHA256_DIGEST_LENGTH, (char *)to_sign.data + to_sign.len);
      to_sign.len += 2 * SHA256_DIGEST_LENGTH;
      unsigned char mac[SHA256_DIGEST_LENGTH];
      hmac_sha256(key, key_len, to_sign.data, to_sign.len, mac);
      char hex[2 * SHA256_DIGEST_LENGTH];
      to_hex(mac, sizeof mac, hex);
      napi_create_string_latin1(env, hex, sizeof hex, &result);
    }
    free(to_sign.data);
  }
  free(request.data);
  for (size_t i = 0; i < ARGS - 1; i++) free_text(&t[i]);
  if (result == NULL) napi_throw(env, plain_error(env, "ENOMEM", "sigv4Signature: out of memory", false));
  return result;
}

napi_status register_sigv4(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"sigv4Signature", NULL, sigv4_signature, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  return napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
}
