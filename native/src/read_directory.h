/*
 * readDirectory(path, limit): a directory's names and types in one thread-pool job, sorted as a
 * listing walks them. Node's opendir hands entries over one promise at a time, which costs a
 * listing more than reading them does.
 */
#ifndef TRACEGW_READ_DIRECTORY_H
#define TRACEGW_READ_DIRECTORY_H

#include <node_api.h>

napi_value read_directory(napi_env env, napi_callback_info info);

#endif
