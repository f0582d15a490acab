import type { OptionSpec } from '../option-spec';

/** The posix backend's own options, given after `posix`. */
export const POSIX_OPTIONS: readonly OptionSpec[] = [
  {
    key: 'dirPerms',
    flags: '--dir-perms <mode>',
    long: '--dir-perms',
    env: ['VGW_DIR_PERMS'],
    kind: 'string',
    defaultValue: '0755',
    description: 'permissions (octal) of directories the gateway creates',
    scope: 'posix',
  },
  {
    key: 'disableotmp',
    flags: '--disableotmp',
    long: '--disableotmp',
    env: ['VGW_DISABLE_OTMP'],
    kind: 'boolean',
    defaultValue: 'false',
    description: 'disable O_TMPFILE support for new objects',
    scope: 'posix',
  },
  {
    key: 'disableCopyFileRange',
    flags: '--disable-copy-file-range',
    long: '--disable-copy-file-range',
    env: ['VGW_DISABLE_COPY_FILE_RANGE'],
    kind: 'boolean',
    defaultValue: 'false',
    description: 'assemble multipart uploads with a user-space copy instead of copy_file_range(2)',
    scope: 'posix',
  },
  {
    key: 'versioningDir',
    flags: '--versioning-dir <dir>',
    long: '--versioning-dir',
    env: ['VGW_VERSIONING_DIR'],
    kind: 'string',
    description: 'directory, outside the root, where older versions of objects of versioned buckets are kept (needed for bucket versioning)',
    scope: 'posix',
  },
];
