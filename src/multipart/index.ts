export { MULTIPART_JOURNAL, MULTIPART_RECOVERY_REPORT } from './multipart.tokens';
export { MultipartJournal, type JournaledUpload } from './multipart-journal';
export { MultipartUploadsProjection } from './uploads.projection';
export { UploadsRepository, type PartRecord, type UploadRecord } from './uploads.repository';
export * from './multipart-events';
export { recoverMultipartUploads } from './recovery/multipart-recovery';
export { MultipartRecoveryReports, type MultipartRecoveryReport, isClean, summarize } from './recovery/recovery-report';
export { openMultipart, type MultipartServices } from './open-multipart';
export { AbandonedUploadSweep, type SweepResult } from './sweep/abandoned-upload-sweep';
