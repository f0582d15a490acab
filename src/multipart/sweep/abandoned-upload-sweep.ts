import type { Backend } from '../../backends/backend';
import { S3Error } from '../../s3/errors/s3-error';
import { type UploadIdentity, uploadIdentity } from '../multipart-events';
import type { MultipartJournal } from '../multipart-journal';

export interface SweepOptions {
  /** Uploads initiated longer ago than this are aborted. */
  maxAgeMs: number;
  intervalMs: number;
  now?: () => Date;
  /** Told what each run did, and why a run failed. */
  onRun?: (result: SweepResult) => void;
  onError?: (error: unknown) => void;
}

export interface SweepResult {
  aborted: UploadIdentity[];
}

/**
 * Aborts abandoned multipart uploads, as an AWS lifecycle rule (AbortIncompleteMultipartUpload)
 * would: every upload initiated more than maxAge ago, whoever created it, found by reading the
 * storage. Runs at start() and then every interval, never two runs at once; stop() waits for a
 * run in progress.
 */
export class AbandonedUploadSweep {
  private timer?: NodeJS.Timeout;
  private running?: Promise<SweepResult>;
  private stopped = false;
  private readonly now: () => Date;

  constructor(
    private readonly backend: Backend,
    private readonly journal: MultipartJournal,
    private readonly options: SweepOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** One pass; resolves what it aborted. An upload gone meanwhile (completed, aborted elsewhere) is skipped. */
  runOnce(): Promise<SweepResult> {
    this.running ??= this.sweep().finally(() => (this.running = undefined));
    return this.running;
  }

  start(): void {
    this.stopped = false;
    const tick = (): void => {
      this.runOnce().then(
        (result) => this.options.onRun?.(result),
        (error: unknown) => this.options.onError?.(error),
      );
    };
    tick();
    this.timer = setInterval(tick, this.options.intervalMs);
    // Housekeeping must never keep the process alive on its own.
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async sweep(): Promise<SweepResult> {
    const cutoff = this.now().getTime() - this.options.maxAgeMs;
    const aborted: UploadIdentity[] = [];
    for await (const upload of this.backend.scanMultipartUploads({ withParts: false })) {
      if (this.stopped) break;
      if (upload.initiated.getTime() > cutoff) continue;
      const identity = uploadIdentity(upload);
      try {
        await this.backend.abortMultipartUpload(identity);
      } catch (err) {
        if (S3Error.is(err, 'NoSuchUpload') || S3Error.is(err, 'NoSuchBucket')) continue;
        throw err;
      }
      this.journal.aborted(identity, 'expired');
      aborted.push(identity);
    }
    return { aborted };
  }
}
