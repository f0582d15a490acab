import { loadNativeAddon, nativeAddonIfBuilt } from '../../../native/native-addon';
import type { NativeFs } from '../native.types';

export { nativeAddonPath } from '../../../native/native-addon';

/**
 * The addon's file-system calls. Throws one clear Error when it is not built; loads once per
 * process. `addonPath` is for tests of the failure message.
 */
export function loadNativeFs(addonPath?: string): NativeFs {
  return loadNativeAddon(addonPath);
}

/** Whether loadNativeFs() would succeed: for choosing a fallback without a try/catch. */
export function isNativeFsAvailable(): boolean {
  return nativeAddonIfBuilt() !== undefined;
}
