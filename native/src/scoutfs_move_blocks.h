/* ScoutFS's move-blocks ioctl (scoutfs_move_blocks.c). */
#ifndef TRACEGW_SCOUTFS_MOVE_BLOCKS_H
#define TRACEGW_SCOUTFS_MOVE_BLOCKS_H

#include <node_api.h>

napi_status register_scoutfs_move_blocks(napi_env env, napi_value exports);

#endif
