import type { ObjectVersionSummary } from '../../backends/backend.types';
import type { StoredVersionEvent } from '../../versioning/version-events';

/** A key's versions as the admin API shows them (and the CLI prints them). */
export interface VersionsView {
  bucket: string;
  key: string;
  /** On storage now, newest first (the latest first), delete markers among them. */
  versions: ObjectVersionSummary[];
  /** What this node's journal recorded about them, oldest first: who made or deleted which version, when, under which trace. */
  events: StoredVersionEvent[];
}
