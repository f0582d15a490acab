# Built by node-gyp at `npm ci` (see install.js). Plain C against Node-API 8: one binary
# works on every Node that has that ABI, so a Node upgrade does not need a rebuild.
{
  "targets": [
    {
      "target_name": "tracegw_native",
      "sources": ["src/tracegw_native.c", "src/checksums.c", "src/open_object.c", "src/listing.c", "src/node_error.c", "src/read_directory.c", "src/native_call.c", "src/object_write.c", "src/sigv4.c", "src/socket_send.c", "src/scoutfs_move_blocks.c"],
      "defines": ["NAPI_VERSION=8", "_GNU_SOURCE"],
      "cflags_c": ["-std=gnu11", "-Wall", "-Wextra", "-Wno-unused-parameter", "-Wno-deprecated-declarations"]
    }
  ]
}
