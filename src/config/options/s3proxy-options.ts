import type { OptionSpec } from '../option-spec';

/**
 * The s3 command's own options, given after `s3`: VersityGW's s3 subcommand (cmd/versitygw/s3.go),
 * its flags and its VGW_S3_* variables. --access, --secret and --region are the upstream's here, not
 * the global root account's and gateway region: the program reads them under their own keys.
 */
export const S3PROXY_OPTIONS: readonly OptionSpec[] = [
  {
    key: 's3Access',
    flags: '-a, --access <key>',
    long: '--access',
    env: ['VGW_S3_ACCESS_KEY'],
    kind: 'string',
    defaultText: "the AWS SDK's default credential chain",
    description: 's3 proxy server access key id',
    scope: 's3',
  },
  {
    key: 's3Secret',
    flags: '-s, --secret <key>',
    long: '--secret',
    env: ['VGW_S3_SECRET_KEY'],
    kind: 'string',
    description: 's3 proxy server secret access key',
    scope: 's3',
    sensitive: true,
  },
  {
    key: 's3Endpoint',
    flags: '--endpoint <url>',
    long: '--endpoint',
    env: ['VGW_S3_ENDPOINT'],
    kind: 'string',
    defaultText: 'AWS',
    description: 's3 service endpoint, default AWS if not specified',
    scope: 's3',
  },
  {
    key: 's3Region',
    flags: '--region <region>',
    long: '--region',
    env: ['VGW_S3_REGION'],
    kind: 'string',
    defaultValue: 'us-east-1',
    description: 's3 service region',
    scope: 's3',
  },
  {
    key: 's3MetaBucket',
    flags: '--meta-bucket <bucket>',
    long: '--meta-bucket',
    env: ['VGW_S3_META_BUCKET'],
    kind: 'string',
    defaultText: "none: every bucket is the root account's, access settings cannot be changed",
    description: 's3 service meta bucket to store buckets acl/policy',
    scope: 's3',
  },
  {
    key: 's3DisableChecksum',
    flags: '--disable-checksum',
    long: '--disable-checksum',
    env: ['VGW_S3_DISABLE_CHECKSUM'],
    kind: 'boolean',
    defaultValue: 'false',
    description: 'disable gateway to server object checksums',
    scope: 's3',
  },
  {
    key: 's3UsePathStyle',
    flags: '--use-path-style',
    long: '--use-path-style',
    env: ['VGW_S3_USE_PATH_STYLE'],
    kind: 'boolean',
    defaultValue: 'false',
    description: 'use path style addressing for s3 proxy',
    scope: 's3',
  },
];
