import type { ObjectSummary } from '../../backend.types';
import type { ResolveEntries } from '../listing/paginator';
import type { PosixListEntry } from '../listing/posix-walker';
import type { NativeFs } from '../native.types';
import { VERSIONING_XATTR } from './version-layout';

/**
 * ListObjects of a versioned bucket: a key whose latest version is a delete marker is no object,
 * so it resolves to nothing (as a key deleted since the walk saw it) and the page fills up past it.
 * One getxattr per listed file, asked only of versioned buckets.
 */
export function hidingDeleteMarkers(native: NativeFs, resolve: ResolveEntries<PosixListEntry, ObjectSummary>): ResolveEntries<PosixListEntry, ObjectSummary> {
  return async (entries) => {
    const found = await resolve(entries);
    const markers = await Promise.all(
      entries.map((entry, i) =>
        entry.kind === 'file' && found[i] !== undefined ? native.getXattr(entry.path, VERSIONING_XATTR.deleteMarker).catch(() => undefined) : undefined,
      ),
    );
    return found.map((summary, i) => (markers[i] === undefined ? summary : undefined));
  };
}
