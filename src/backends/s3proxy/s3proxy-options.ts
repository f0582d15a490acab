/** The s3 command's options (VersityGW's `s3` subcommand), as the backend takes them. */
export interface S3ProxyOptions {
  /** The upstream credentials; both absent: the AWS SDK's default chain (environment, profile, instance role). */
  readonly access?: string;
  readonly secret?: string;
  /** The upstream's URL; absent: AWS itself, for the region. */
  readonly endpoint?: string;
  readonly region: string;
  /** Path-style addressing (`<endpoint>/<bucket>/<key>`), which most S3 servers other than AWS want. */
  readonly usePathStyle: boolean;
  /** No flexible checksums computed for (or checked on) the upstream's bodies, and payloads sent unsigned. */
  readonly disableChecksum: boolean;
  /** The upstream bucket keeping the buckets' ACLs, policies and CORS documents (VersityGW's layout); absent: none kept. */
  readonly metaBucket?: string;
  /** The owner of every bucket when there is no meta bucket to record owners in: the root account. */
  readonly rootAccess: string;
}
