import * as path from 'node:path';
import type { InterruptedCompletion } from '../../backend.types';
import type { SpanParent } from '../../../telemetry/with-span';
import { TMP_DIR } from '../posix-layout';
import { TempObjectFile } from '../tmp-file';
import type { PartMover } from './assemble-parts';
import type { CompletionMarker } from './completion-marker';
import type { LocatedUpload, MultipartContext } from './upload-location';
import type { FoundUpload } from './upload-tree';

/** One CompleteMultipartUpload's assembly file and how its parts get into it. */
export interface Assembly {
  tmp: TempObjectFile;
  /** Tried on each part before it is copied (assembleParts); none: every part is copied. */
  mover?: PartMover;
  /**
   * After a failure before the rename: gives the parts back what the mover took from them, so the
   * client may complete again. Rejects when it cannot; the file is then kept for recovery.
   */
  giveBack(): Promise<void>;
}

/**
 * How a backend assembles CompleteMultipartUpload: the posix backend copies parts (nothing to give
 * back, nothing to recover but the marker); the scoutfs backend moves their blocks, which empties
 * the parts, so it keeps the assembly under a name a crash leaves in place and settles it at start-up.
 */
export interface PartAssembly {
  open(ctx: MultipartContext, upload: LocatedUpload, key: string, plan: CompletionMarker, trace: SpanParent): Promise<Assembly>;
  /**
   * At start-up, before the completion marker is read: what a crash left of this assembly's own
   * work, settled. Undefined: nothing of its own here, the marker's rules apply.
   */
  recover(ctx: MultipartContext, bucket: string, found: FoundUpload): Promise<InterruptedCompletion | undefined>;
}

const NOTHING_TO_GIVE_BACK = (): Promise<void> => Promise.resolve();

/** The posix backend's: an O_TMPFILE (or named) file in the bucket's `.sgwtmp`, parts copied. */
export const COPIED_PARTS: PartAssembly = {
  async open(ctx, upload, key, _plan, trace) {
    const tmp = await TempObjectFile.open(ctx.native, path.join(upload.op.bucketDir, TMP_DIR), key, ctx.useOtmpFile, trace);
    return { tmp, giveBack: NOTHING_TO_GIVE_BACK };
  },
  recover: () => Promise.resolve(undefined),
};
