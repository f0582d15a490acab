/*
 * CRC-32C and CRC-64/NVME for S3's x-amz-checksum-crc32c and -crc64nvme: the packages on npm
 * compute them in JavaScript at 120 and 550 MiB/s, which a gigabyte upload feels on the event
 * loop. Synchronous calls on one chunk each (a stream's chunks are tens of KiB).
 */
#ifndef TRACEGW_CHECKSUMS_H
#define TRACEGW_CHECKSUMS_H

#include <node_api.h>

/* Adds crc32c(data, value) and crc64nvme(data, value) to the module's exports. */
napi_status register_checksums(napi_env env, napi_value exports);

#endif
