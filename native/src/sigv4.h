/*
 * SigV4's per-request work in one call: the canonical request of a request line, its SHA-256,
 * the string to sign and its HMAC. In JavaScript the same work (strings built piece by piece,
 * three digests through node:crypto) cost a small GET more CPU than everything else it does
 * but the socket write; here it is a few microseconds. src/s3/auth/canonical-request.ts stays
 * the reference: the same rules, and the one that words a SignatureDoesNotMatch.
 */
#ifndef TRACEGW_SIGV4_H
#define TRACEGW_SIGV4_H

#include <node_api.h>

/* Adds sigv4Signature(...) to the module's exports (see native-sigv4.types.ts for the contract). */
napi_status register_sigv4(napi_env env, napi_value exports);

#endif
