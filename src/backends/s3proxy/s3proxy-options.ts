import type { S3ProxyBackendConfig } from '../../config/gateway-config';

/** The s3 command's options (VersityGW's `s3` subcommand), as the backend takes them. */
export interface S3ProxyOptions extends Omit<S3ProxyBackendConfig, 'type'> {
  /** The owner of every bucket when there is no meta bucket to record owners in: the root account. */
  readonly rootAccess: string;
}
