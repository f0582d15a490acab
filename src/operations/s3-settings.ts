/** DI token of the few gateway settings operations decide with. */
export const S3_SETTINGS = Symbol('S3Settings');

export interface S3Settings {
  /** The region the gateway answers for: GetBucketLocation, CreateBucket's LocationConstraint. */
  region: string;
  /** --readonly: every write operation is refused with AccessDenied at admission; absent means false. */
  readOnly?: boolean;
  /** Signature Version 2 accepted (not --disable-sigv2); absent means accepted. */
  sigV2?: boolean;
  /** --virtual-domain: `<bucket>.<domain>` addresses that bucket; absent, path-style only. */
  virtualDomain?: string;
}
