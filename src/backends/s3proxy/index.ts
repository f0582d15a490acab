export { S3ProxyBackend } from './s3proxy-backend';
export type { S3ProxyOptions } from './s3proxy-options';
