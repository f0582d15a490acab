import type { JournaledUpload } from '../../multipart/multipart-journal';
import type { MultipartRecoveryReport } from '../../multipart/recovery/recovery-report';

/** An upload in flight as the admin API lists it (and the CLI prints it). */
export interface UploadView extends JournaledUpload {
  partCount: number;
  /** Bytes of the parts uploaded so far. */
  size: number;
}

export interface MultipartView {
  uploads: UploadView[];
  /** What the last start-up recovery found and did; null when it has not run (or failed). */
  recovery: MultipartRecoveryReport | null;
}
