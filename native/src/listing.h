/*
 * What a ListObjects page needs of its entries, read in one thread-pool job: lstat's type, size
 * and mtime of every path and the ETag attribute of every regular file (describeEntries), and the
 * names in a directory (readDirectory, read_directory.c). Done per entry through Node, that is
 * two pool trips an entry, two thousand for a page of a thousand keys, and a promise an entry.
 */
#ifndef TRACEGW_LISTING_H
#define TRACEGW_LISTING_H

#include <node_api.h>

/* Adds describeEntries(paths, attribute) and readDirectory(path, limit) to the module's exports. */
napi_status register_listing(napi_env env, napi_value exports);

#endif
