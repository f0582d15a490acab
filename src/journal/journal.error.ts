/**
 * Any failure to open or migrate the journal. Start-up reports its message as the one line that
 * explains why the gateway refuses to run, so messages name the file and what to do.
 */
export class JournalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JournalError';
  }
}

/** The migrations on disk and those recorded in the journal disagree, or one failed to apply. */
export class MigrationError extends JournalError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MigrationError';
  }
}
