import type { GetObjectAttributesOutput, VersionedObjectInput } from '../backend.types';
import type { PosixContext } from './context';
import { openVersionFile } from './versioning/open-version';
import { fdAttrs } from './object-attrs';
import { readObjectParts } from './object-parts-attr';

/**
 * The object's description and its recorded parts, both read through one descriptor so they
 * describe one version of it. The parts' record is read by name, apart from the attributes every
 * GET reads: only the requests that ask for parts pay for it. ?versionId= names an older version.
 */
export async function getObjectAttributes(ctx: PosixContext, input: VersionedObjectInput): Promise<GetObjectAttributesOutput> {
  const { file, info, isDirectory } = await openVersionFile(ctx, input);
  try {
    if (isDirectory) return { info };
    const parts = await readObjectParts(fdAttrs(ctx.native, file.fd), info.checksum?.algorithm);
    return parts ? { info, parts } : { info };
  } finally {
    await file.close().catch(() => undefined);
  }
}
