import type { ObjectPart } from '../../../backends/backend';
import { backendHandler } from '../../backend-handler';
import { GetObjectAttributesCommand, type GetObjectAttributesInput, type ObjectPartsPage } from './get-object-attributes.command';

/** The parts after the marker, at most maxParts of them, as ListParts pages. */
export function partsPage(parts: readonly ObjectPart[], { maxParts, partNumberMarker }: GetObjectAttributesInput): ObjectPartsPage {
  const after = parts.filter((part) => part.partNumber > partNumberMarker);
  const page = after.slice(0, maxParts);
  const isTruncated = after.length > page.length;
  const last = page.at(-1);
  return { totalPartsCount: parts.length, parts: page, isTruncated, ...(last ? { nextPartNumberMarker: last.partNumber } : {}) };
}

export const GetObjectAttributesHandler = backendHandler(GetObjectAttributesCommand, async (backend, { input }) => {
  const { bucket, key, versionId } = input;
  const { info, parts } = await backend.getObjectAttributes(versionId === undefined ? { bucket, key } : { bucket, key, versionId });
  return parts ? { info, parts: partsPage(parts, input) } : { info };
});
