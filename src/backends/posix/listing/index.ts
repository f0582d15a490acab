export { compareKeys, entrySortName } from './key-order';
export { listHints, paginate } from './paginator';
export type { KeyCursor, ListEntry, ListHints, ListPage, ListParams, PaginateOptions, ResolveEntry } from './paginator';
export { SortedArrayCursor } from './sorted-array-cursor';
export { PosixWalker } from './posix-walker';
export type { PosixEntryKind, PosixListEntry, PosixWalkOptions } from './posix-walker';
export { listObjectsPosix, describeEntry } from './list-objects-posix';
export type { ListObjectsPosixOptions } from './list-objects-posix';
