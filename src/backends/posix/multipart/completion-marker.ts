import type { NativeFs } from '../native.types';
import { COMPLETING_XATTR } from './layout';

/** What a completion is about to put at the key: recovery compares it with what is there. */
export interface CompletionMarker {
  etag: string;
  size: number;
  partCount: number;
}

export function writeMarker(native: NativeFs, uploadDir: string, marker: CompletionMarker): Promise<void> {
  return native.setXattr(uploadDir, COMPLETING_XATTR, Buffer.from(JSON.stringify(marker)));
}

export function clearMarker(native: NativeFs, uploadDir: string): Promise<void> {
  return native.removeXattr(uploadDir, COMPLETING_XATTR);
}

export async function readMarker(native: NativeFs, uploadDir: string): Promise<CompletionMarker | undefined> {
  const raw = await native.getXattr(uploadDir, COMPLETING_XATTR);
  if (raw === undefined) return undefined;
  try {
    const parsed = JSON.parse(raw.toString('utf8')) as Partial<CompletionMarker>;
    if (typeof parsed.etag !== 'string' || typeof parsed.size !== 'number' || typeof parsed.partCount !== 'number') return undefined;
    return { etag: parsed.etag, size: parsed.size, partCount: parsed.partCount };
  } catch {
    return undefined;
  }
}
