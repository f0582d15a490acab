import type { StoredEvent } from './event';

/**
 * A table (or several) derived only from events. Both methods run inside the journal
 * transaction of the append or rebuild that calls them: throwing rolls the whole thing back,
 * which is how a projection refuses an event that contradicts its state.
 */
export interface Projection {
  /** Unique; names the projection in errors and rebuild reports. */
  readonly name: string;
  /** Called with every event, in seq order; ignores the types it does not project. */
  apply(event: StoredEvent): void;
  /** Empties the projection before a replay. */
  reset(): void;
}
