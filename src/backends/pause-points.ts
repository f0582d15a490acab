/**
 * The steps of a multi-step write at which a crash test stops the gateway, to kill it exactly
 * there (docs/multipart.md): `complete:assembled` (object assembled in its temporary file),
 * `complete:marked` (completion marker set, not yet renamed), `complete:published` (renamed into
 * place, completion not yet journaled), `removal:started` (an upload's directory moved aside,
 * its deletion not begun), `version:archived` (a versioned bucket's current object put among its
 * older versions, the new one not yet in its place); with the scoutfs backend's block move,
 * `move:marked` (a part marked with where its blocks go, none moved yet) and `move:moved` (its
 * blocks in the object's file, the part empty).
 */
export type PausePoint = 'complete:assembled' | 'complete:marked' | 'complete:published' | 'removal:started' | 'version:archived' | 'move:marked' | 'move:moved';

/** Told each time a write reaches a PausePoint; the write goes on once the promise resolves. */
export interface PausePoints {
  reached(point: PausePoint): Promise<void>;
}

const GO_ON = Promise.resolve();

/** What the gateway runs with unless the process that starts it supplies others (a crash test's entry). */
export const NO_PAUSES: PausePoints = { reached: () => GO_ON };

/** DI token of the gateway's PausePoints, for the handlers that have one. */
export const PAUSE_POINTS = Symbol('PausePoints');
