/** DI token of the VersionsJournal (the object handlers record versions through it, the admin API reads it). */
export const VERSIONS_JOURNAL = Symbol('VersionsJournal');
