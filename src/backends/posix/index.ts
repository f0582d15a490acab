export { PosixBackend } from './posix-backend';
export { removeStaleTempFiles, type StaleTempFileOptions } from './stale-temp-files';
export { resolveObjectPath, type ObjectPath } from './paths';
