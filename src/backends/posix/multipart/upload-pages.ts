import { compareKeys } from '../listing/key-order';

export interface UploadRef {
  key: string;
  uploadId: string;
}

export interface UploadPageParams {
  prefix: string;
  delimiter: string;
  keyMarker: string;
  uploadIdMarker: string;
  maxUploads: number;
}

export interface UploadPage<T extends UploadRef> {
  uploads: T[];
  commonPrefixes: string[];
  isTruncated: boolean;
  nextKeyMarker?: string;
  nextUploadIdMarker?: string;
}

/** S3's order for uploads: by key (UTF-8 byte order), then by upload id. */
export function compareUploads(a: UploadRef, b: UploadRef): number {
  return compareKeys(a.key, b.key) || (a.uploadId < b.uploadId ? -1 : a.uploadId > b.uploadId ? 1 : 0);
}

/** After the markers: keys past key-marker, and uploads of key-marker itself past upload-id-marker (only when one is given). */
function pastMarkers(ref: UploadRef, params: UploadPageParams): boolean {
  if (params.keyMarker === '') return true;
  const order = compareKeys(ref.key, params.keyMarker);
  if (order !== 0) return order > 0;
  return params.uploadIdMarker !== '' && ref.uploadId > params.uploadIdMarker;
}

/**
 * One page of ListMultipartUploads over uploads sorted with compareUploads, with S3's semantics:
 * prefix, delimiter (keys rolled up into CommonPrefixes, each counting once towards max-uploads
 * and not repeated at or before the key marker), key-marker and upload-id-marker.
 */
export function pageUploads<T extends UploadRef>(sorted: readonly T[], params: UploadPageParams): UploadPage<T> {
  const page: UploadPage<T> = { uploads: [], commonPrefixes: [], isTruncated: false };
  let count = 0;
  let lastPrefix: string | undefined;
  let last: { key: string; uploadId?: string } | undefined;
  for (const ref of sorted) {
    if (!ref.key.startsWith(params.prefix) || !pastMarkers(ref, params)) continue;
    const cut = params.delimiter === '' ? -1 : ref.key.indexOf(params.delimiter, params.prefix.length);
    const commonPrefix = cut >= 0 ? ref.key.slice(0, cut + params.delimiter.length) : undefined;
    if (commonPrefix !== undefined) {
      if (commonPrefix === lastPrefix) continue;
      lastPrefix = commonPrefix;
      if (params.keyMarker !== '' && compareKeys(commonPrefix, params.keyMarker) <= 0) continue;
    }
    if (count === params.maxUploads) {
      page.isTruncated = count > 0;
      break;
    }
    count++;
    if (commonPrefix !== undefined) {
      page.commonPrefixes.push(commonPrefix);
      last = { key: commonPrefix };
    } else {
      page.uploads.push(ref);
      last = ref;
    }
  }
  if (page.isTruncated && last) {
    page.nextKeyMarker = last.key;
    if (last.uploadId !== undefined) page.nextUploadIdMarker = last.uploadId;
  }
  return page;
}
