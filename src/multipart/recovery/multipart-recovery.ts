import type { Backend, StoredUpload } from '../../backends/backend';
import type { NewEvent } from '../../journal/event';
import { partRemoved, partUploaded, uploadAborted, uploadCreated, type UploadIdentity, uploadIdentity } from '../multipart-events';
import type { MultipartJournal } from '../multipart-journal';
import { findings, type MultipartRecoveryReport, note } from './recovery-report';

const identityKey = (u: UploadIdentity): string => JSON.stringify([u.bucket, u.key, u.uploadId]);

/** The events that make the journal's view of one upload equal to what the storage holds. */
function reconcileUpload(journal: MultipartJournal, stored: StoredUpload, report: MultipartRecoveryReport): NewEvent[] {
  const events: NewEvent[] = [];
  const upload = uploadIdentity(stored);
  const known = journal.find(upload);
  if (!known) {
    note(report.uploadsDiscovered, upload);
    events.push(uploadCreated(upload, { initiated: stored.initiated, checksumAlgorithm: stored.checksum?.algorithm, checksumType: stored.checksum?.type, origin: 'recovery' }));
  }
  const recorded = new Map((known ? journal.parts(upload) : []).map((part) => [part.partNumber, part]));
  for (const part of stored.parts ?? []) {
    const record = recorded.get(part.partNumber);
    recorded.delete(part.partNumber);
    if (record && record.etag === part.etag && record.size === part.size) continue;
    // Linked into place but never recorded (a crash between the two, or another gateway's part).
    note(report.partsDiscovered, { ...upload, partNumber: part.partNumber });
    events.push(partUploaded(upload, part, 'recovery'));
  }
  for (const partNumber of recorded.keys()) {
    note(report.partsMissing, { ...upload, partNumber });
    events.push(partRemoved(upload, partNumber));
  }
  return events;
}

/**
 * Start-up reconciliation of the journal with the storage. First what a crash left half done in
 * the storage (interrupted completions, unfinished creations), then upload by upload: the storage
 * is the truth (several gateways may share it, and a part is linked into place before it is
 * recorded), so the journal is corrected to match it, with events saying why. Nothing on
 * storage is deleted for disagreeing with the journal.
 */
export async function recoverMultipartUploads(backend: Backend, journal: MultipartJournal, now: () => Date = () => new Date()): Promise<MultipartRecoveryReport> {
  const started = now();
  const report: MultipartRecoveryReport = {
    startedAt: started.toISOString(),
    finishedAt: '',
    durationMs: 0,
    uploadsOnStorage: 0,
    partsOnStorage: 0,
    completionsFinished: findings(),
    completionsRolledBack: findings(),
    uploadsDiscovered: findings(),
    partsDiscovered: findings(),
    partsMissing: findings(),
    uploadsVanished: findings(),
    unfinishedRemoved: findings(),
    strayEntries: findings(),
  };

  const storage = await backend.recoverMultipartStorage();
  for (const completion of storage.completions) {
    const upload = uploadIdentity(completion);
    if (completion.outcome === 'rolled-back') {
      note(report.completionsRolledBack, upload);
      continue;
    }
    note(report.completionsFinished, upload);
    // The order a live completion keeps: the object is in place, record it, then drop the parts.
    journal.completed(upload, completion, 'recovery');
    await backend.releaseMultipartUpload(upload);
  }
  for (const dir of storage.removedUnfinished) note(report.unfinishedRemoved, dir);
  for (const entry of storage.stray) note(report.strayEntries, entry);

  const seen = new Set<string>();
  for await (const stored of backend.scanMultipartUploads({ withParts: true })) {
    seen.add(identityKey(stored));
    report.uploadsOnStorage++;
    report.partsOnStorage += stored.parts?.length ?? 0;
    journal.appendAll(reconcileUpload(journal, stored, report));
  }
  const vanished: NewEvent[] = [];
  for (const upload of journal.uploadsInFlight()) {
    if (seen.has(identityKey(upload))) continue;
    note(report.uploadsVanished, uploadIdentity(upload));
    vanished.push(uploadAborted(uploadIdentity(upload), 'vanished'));
  }
  journal.appendAll(vanished);

  const finished = now();
  report.finishedAt = finished.toISOString();
  report.durationMs = finished.getTime() - started.getTime();
  return report;
}
