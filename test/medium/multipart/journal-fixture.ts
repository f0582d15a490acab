import { join } from 'node:path';
import { makeTempDir } from '../journal/temp-dir';
import { EventStore } from '../../../src/journal/event-store';
import type { JournalDatabase } from '../../../src/journal/journal-database';
import { openJournal } from '../../../src/journal/open-journal';
import { ProjectionRegistry } from '../../../src/journal/projection-registry';
import { MultipartJournal } from '../../../src/multipart/multipart-journal';
import { MultipartUploadsProjection } from '../../../src/multipart/uploads.projection';
import { UploadsRepository } from '../../../src/multipart/uploads.repository';

export interface MultipartJournalFixture {
  db: JournalDatabase;
  events: EventStore;
  uploads: UploadsRepository;
  journal: MultipartJournal;
  close(): void;
}

/**
 * The journal wired as start-up wires it, over `journal.db` in a fresh temp dir (removed by
 * close()), with a clock that ticks a second per event.
 */
export function openMultipartJournal(): MultipartJournalFixture {
  const dir = makeTempDir();
  const db = openJournal(join(dir.path, 'journal.db'));
  const uploads = new UploadsRepository(db);
  let clock = Date.parse('2025-06-01T00:00:00.000Z');
  const events = new EventStore(db, new ProjectionRegistry().register(new MultipartUploadsProjection(uploads)), () => new Date((clock += 1000)));
  return {
    db,
    events,
    uploads,
    journal: new MultipartJournal(db, events, uploads),
    close() {
      db.close();
      dir.remove();
    },
  };
}
