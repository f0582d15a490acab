/**
 * Span and attribute names, exactly as ../shared/spec/tracing-guide.md writes them (VersityGW's),
 * plus the current OpenTelemetry semantic-convention names set alongside where they differ.
 * One place, so a rename can't miss a call site.
 */
/** `<prefix><operation>`, made once per operation: a span name is read (and encoded) for every span. */
function namesWithPrefix(prefix: string): (operation: string) => string {
  const names = new Map<string, string>();
  return (operation) => {
    let name = names.get(operation);
    if (name === undefined) names.set(operation, (name = `${prefix}${operation}`));
    return name;
  };
}

export const SPAN = {
  s3: namesWithPrefix('S3.'),
  backend: namesWithPrefix('Backend.'),
  authV4: 'Auth.V4Signature',
  /** Not in the guide, which knows SigV4 only: its SigV2 sibling, with the same attributes. */
  authV2: 'Auth.V2Signature',
  openTmpFile: 'Posix.IO.OpenTmpFile',
  writeData: 'Posix.IO.WriteData',
  linkFile: 'Posix.IO.LinkFile',
  assembleParts: 'Posix.IO.AssembleParts',
  copyPart: 'Posix.IO.CopyPart',
  fastFileCopy: 'Posix.IO.FastFileCopy',
  copyFileRange: 'Posix.IO.CopyFileRange',
  /** Not in the guide, which draws posix only: one client span per Azure Blob REST call, `Azure.<REST operation>`. */
  azure: namesWithPrefix('Azure.'),
  /** Not in the guide either: the s3proxy backend's call to its upstream, a client span `S3Proxy.<S3 operation>`. */
  upstream: namesWithPrefix('S3Proxy.'),
} as const;

export const ATTR = {
  // HTTP, the guide's names
  httpMethod: 'http.method',
  httpUrl: 'http.url',
  httpStatusCode: 'http.status_code',
  httpClientIp: 'http.client_ip',
  httpUserAgent: 'http.user_agent',
  // HTTP, current semantic conventions
  httpRequestMethod: 'http.request.method',
  urlPath: 'url.path',
  httpResponseStatusCode: 'http.response.status_code',
  clientAddress: 'client.address',
  userAgentOriginal: 'user_agent.original',
  // S3
  s3Bucket: 's3.bucket',
  s3Key: 's3.key',
  s3Operation: 's3.operation',
  s3UploadId: 's3.upload_id',
  s3PartNumber: 's3.part_number',
  s3PartCount: 's3.part_count',
  s3ContentLength: 's3.content_length',
  s3Etag: 's3.etag',
  s3VersionId: 's3.version_id',
  s3ErrorCode: 's3.error_code',
  // Backend
  backendType: 'backend.type',
  backendOperation: 'backend.operation',
  durationMs: 'duration_ms',
  // Auth
  authMethod: 'auth.method',
  authAccessKey: 'auth.access_key',
  authRole: 'auth.role',
  authIsRoot: 'auth.is_root',
  // HTTP client spans (the azure and s3proxy backends' calls), current semantic conventions beside the guide's http.*
  urlFull: 'url.full',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  // An upstream call's client span (s3proxy): the AWS SDK's RPC conventions
  rpcSystem: 'rpc.system',
  rpcService: 'rpc.service',
  rpcMethod: 'rpc.method',
  /** x-ms-request-id: the id Azure's own logs know the call by. */
  azureRequestId: 'azure.request_id',
  /** x-ms-error-code of a failed call (BlobNotFound, ContainerAlreadyExists, ...). */
  azureErrorCode: 'azure.error_code',
  /** How UploadPartCopy moved the bytes: `stage_block_from_url` (in the service) or `streamed` (through the gateway). */
  azureCopyMethod: 'azure.copy_method',
  // Posix I/O
  posixDir: 'posix.dir',
  posixBucket: 'posix.bucket',
  posixObject: 'posix.object',
  posixSize: 'posix.size',
  posixBytesWritten: 'posix.bytes_written',
  posixDurationMs: 'posix.duration_ms',
  posixThroughputMbps: 'posix.throughput_mbps',
  posixTotalParts: 'posix.total_parts',
  posixTotalSize: 'posix.total_size',
  posixPartNumber: 'posix.part_number',
  posixPartSize: 'posix.part_size',
  posixCopyMethod: 'posix.copy_method',
  posixBytesCopied: 'posix.bytes_copied',
  posixUsedFallback: 'posix.used_fallback',
  // tracegw's own, beside the guide's: the call that moved the bulk of a copy_file_range-method copy
  posixKernelCopy: 'posix.kernel_copy',
} as const;

/** The guide's event on Posix.IO.AssembleParts, one per part. */
export const EVENT = {
  partAssembled: 'part_assembled',
  currentPart: 'current_part',
  bytesCopied: 'bytes_copied',
} as const;

/**
 * posix.kernel_copy values: a reflink (FICLONERANGE, no data moved), splice(2) into an O_DIRECT
 * descriptor, or copy_file_range(2) through the page cache.
 */
export type KernelCopy = 'reflink' | 'splice' | 'copy_file_range';

/** posix.copy_method values: which copy really ran. */
export type CopyMethod = 'copy_file_range' | 'io_copy_with_checksum' | 'custom_move' | 'io_copy_fallback';
