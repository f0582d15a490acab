/*
 * What a ListObjects page needs of its entries, read in one thread-pool job: lstat's type, size
 * and mtime of every path and the ETag attribute of every regular file. Done per entry through
 * Node, that is two pool trips an entry, two thousand for a page of a thousand keys.
 */
#ifndef TRACEGW_LISTING_H
#define TRACEGW_LISTING_H

#include <node_api.h>

/* Adds describeEntries(paths, attribute) to the module's exports. */
napi_status register_listing(napi_env env, napi_value exports);

#endif
