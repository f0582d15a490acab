import type { BlockMover } from '../../../src/backends/scoutfs';

/**
 * The stand-in for ScoutFS's move-blocks ioctl (stand-in-block-mover.js, plain JavaScript so the
 * crash entry pausing-gateway.js can load it too): `pause` is told each of its own pause points
 * and holds the mover there until it resolves.
 */
export function standInBlockMover(pause: (point: string) => Promise<void>): BlockMover;
