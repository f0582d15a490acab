export type { BlockMover, MoveEnd } from './block-mover';
export { ScoutfsBackend, type ScoutfsBackendOptions } from './scoutfs-backend';
