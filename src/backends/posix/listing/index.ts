export { compareKeys, entrySortName } from './key-order';
export { listHints, paginate, resolveEach } from './paginator';
export type { KeyCursor, ListEntry, ListHints, ListPage, ListParams, ResolveEntries, ResolveEntry } from './paginator';
export { SortedArrayCursor } from './sorted-array-cursor';
export { PosixWalker } from './posix-walker';
export type { PosixEntryKind, PosixListEntry, PosixWalkOptions } from './posix-walker';
export { listObjectsPosix } from './list-objects-posix';
export { describeEntry, entryDetails } from './entry-details';
export type { ListObjectsPosixOptions } from './list-objects-posix';
