import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NativeFs } from '../backends/posix/native.types';
import type { NativeChecksums } from './native-checksums.types';
import type { NativeScoutfs } from './native-scoutfs.types';
import type { NativeSigV4 } from './native-sigv4.types';
import type { NativeSocketSend } from './native-socket-send.types';

const ADDON_FILE = join('build', 'Release', 'tracegw_native.node');
/** Written by native/install.js when the build at `npm ci` failed. */
const INSTALL_LOG = join('build', 'install-error.log');

/** Everything the addon exports: the posix backend's file-system calls, the checksums, SigV4 signing, GET's sendfile and ScoutFS's block move. */
export type NativeAddon = NativeFs & NativeChecksums & NativeSigV4 & NativeSocketSend & NativeScoutfs;

const METHODS: readonly (keyof NativeAddon)[] = [
  'getXattr',
  'setXattr',
  'removeXattr',
  'listXattr',
  'readUserXattrs',
  'openObject',
  'openObjectCached',
  'openBucketCached',
  'fgetXattr',
  'fsetXattr',
  'openTmpFile',
  'linkTmpFile',
  'copyFileRange',
  'startWriteback',
  'openDirect',
  'preallocate',
  'cloneRange',
  'spliceCopy',
  'allocAligned',
  'crc32c',
  'crc64nvme',
  'sigv4Signature',
  'dupSocket',
  'shutdownSocket',
  'sendFileToSocket',
  'waitWritable',
  'moveBlocks',
  'moveBlocksLayout',
];

/**
 * The native/ folder. Through the `tracegw-native` dependency first (npm links it into
 * node_modules), then by walking up from this file, which finds the repository's native/
 * both from src/ (ts-jest) and from dist/ (compiled), even where node_modules is absent.
 */
function nativeDir(): string | undefined {
  try {
    return dirname(require.resolve('tracegw-native/package.json'));
  } catch {
    // not linked: fall through to the walk
  }
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'native', 'binding.gyp'))) return join(dir, 'native');
    if (dirname(dir) === dir) return undefined;
  }
}

/** Where the compiled addon is expected (it may not exist). */
export function nativeAddonPath(): string {
  return join(nativeDir() ?? join(__dirname, 'native'), ADDON_FILE);
}

function notBuilt(addonPath: string, cause?: unknown): Error {
  const log = join(dirname(dirname(dirname(addonPath))), INSTALL_LOG);
  const why = existsSync(log) ? ` The build at install failed; see ${log}.` : '';
  return new Error(
    `tracegw's native addon is not built (${addonPath}): run \`npm rebuild tracegw-native\` ` +
      `(needs python3, make, a C compiler and Node's headers).${why}`,
    cause === undefined ? undefined : { cause },
  );
}

function load(addonPath: string): NativeAddon {
  if (!existsSync(addonPath)) throw notBuilt(addonPath);
  let addon: unknown;
  try {
    addon = require(addonPath);
  } catch (err) {
    // Present but unloadable: built for another platform, or a broken build.
    throw notBuilt(addonPath, err);
  }
  // A stale build from an older source would fail later, on first use, far from the cause.
  const missing = METHODS.filter((m) => typeof (addon as Record<string, unknown>)[m] !== 'function');
  if (missing.length > 0) {
    throw new Error(
      `tracegw's native addon (${addonPath}) is stale, it lacks ${missing.join(', ')}: run \`npm rebuild tracegw-native\``,
    );
  }
  return addon as NativeAddon;
}

let cached: { addon: NativeAddon } | { error: Error } | undefined;

/**
 * The addon. Throws one clear Error when it is not built; loads once per process.
 * `addonPath` is for tests of the failure message.
 */
export function loadNativeAddon(addonPath?: string): NativeAddon {
  if (addonPath !== undefined) return load(addonPath);
  if (cached === undefined) {
    try {
      cached = { addon: load(nativeAddonPath()) };
    } catch (err) {
      cached = { error: err as Error };
    }
  }
  if ('error' in cached) throw cached.error;
  return cached.addon;
}

/** The addon, or undefined where it is not built: for choosing a fallback without a try/catch. */
export function nativeAddonIfBuilt(): NativeAddon | undefined {
  try {
    return loadNativeAddon();
  } catch {
    return undefined;
  }
}
