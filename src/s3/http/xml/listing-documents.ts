import type { QueryLookup } from '../../../request/request-query';
import type { ObjectSummary, ObjectVersionSummary } from '../../../backends/backend';
import { unquoteEtag } from '../../../backends/common/etag';
import type { ListObjectVersionsResult } from '../../../operations/listing/list-object-versions/list-object-versions.command';
import type { ListObjectsResult } from '../../../operations/listing/list-objects/list-objects.command';
import type { ListObjectsV2Result } from '../../../operations/listing/list-objects-v2/list-objects-v2.command';
import { readListingQuery } from '../headers/listing-query';
import { encoderFor, type NameEncoder } from './listing-xml';
import { escapeXmlText, XmlDocument } from './xml-document';

/*
 * The three listing results, built by hand rather than through toXml: a page holds up to a
 * thousand objects of six elements each, and the generic builder spent more time on them than
 * the listing took to read them from disk. Element order and escaping are toXml's (a test renders
 * both ways and compares the bytes).
 */

/** ListObjectsV2's ListBucketResult. */
export function listObjectsV2Xml(bucket: string, query: QueryLookup, page: ListObjectsV2Result): string {
  const { prefix, delimiter, maxKeys, encodingType } = readListingQuery(query);
  const encode = encoderFor(encodingType);
  const doc = new XmlDocument('ListBucketResult')
    .element('Name', bucket)
    .element('Prefix', encode(prefix))
    .optional('Delimiter', encode(delimiter))
    .element('MaxKeys', maxKeys)
    .element('KeyCount', page.objects.length + page.commonPrefixes.length)
    .element('IsTruncated', page.isTruncated)
    .optional('EncodingType', encodingType)
    .optional('ContinuationToken', query.get('continuation-token') ?? undefined)
    .optional('NextContinuationToken', page.nextContinuationToken)
    .optional('StartAfter', encode(query.get('start-after') ?? ''));
  writeObjects(doc, page.objects, encode, page.owner);
  writeCommonPrefixes(doc, page.commonPrefixes, encode);
  return doc.finish();
}

/** ListObjects' (V1) ListBucketResult. */
export function listObjectsXml(bucket: string, query: QueryLookup, page: ListObjectsResult): string {
  const { prefix, delimiter, maxKeys, encodingType } = readListingQuery(query);
  const encode = encoderFor(encodingType);
  const doc = new XmlDocument('ListBucketResult')
    .element('Name', bucket)
    .element('Prefix', encode(prefix))
    .element('Marker', encode(query.get('marker') ?? ''))
    .element('MaxKeys', maxKeys)
    .optional('Delimiter', encode(delimiter))
    .optional('EncodingType', encodingType)
    .element('IsTruncated', page.isTruncated)
    // AWS sends NextMarker only with a delimiter; without one, clients resume from the last key.
    .optional('NextMarker', page.isTruncated && delimiter !== '' && page.nextMarker ? encode(page.nextMarker) : undefined);
  writeObjects(doc, page.objects, encode, page.owner);
  writeCommonPrefixes(doc, page.commonPrefixes, encode);
  return doc.finish();
}

/**
 * ListObjectVersions' ListVersionsResult. Versions and delete markers come in the listing's
 * order, each as its own element naming its owner.
 */
export function listObjectVersionsXml(bucket: string, query: QueryLookup, page: ListObjectVersionsResult): string {
  const { prefix, delimiter, maxKeys, encodingType } = readListingQuery(query);
  const encode = encoderFor(encodingType);
  const truncated = page.isTruncated && page.nextKeyMarker !== undefined;
  const doc = new XmlDocument('ListVersionsResult')
    .element('Name', bucket)
    .element('Prefix', encode(prefix))
    .element('KeyMarker', encode(query.get('key-marker') ?? ''))
    .element('VersionIdMarker', query.get('version-id-marker') ?? '')
    .element('MaxKeys', maxKeys)
    .optional('Delimiter', encode(delimiter))
    .optional('EncodingType', encodingType)
    .element('IsTruncated', page.isTruncated)
    .optional('NextKeyMarker', truncated ? encode(page.nextKeyMarker ?? '') : undefined)
    .optional('NextVersionIdMarker', truncated ? page.nextVersionIdMarker : undefined);
  writeVersions(doc, page.versions, encode, page.owner);
  writeCommonPrefixes(doc, page.commonPrefixes, encode);
  return doc.finish();
}

function ownerXmlOf(owner: string | undefined): string {
  if (owner === undefined) return '';
  const name = escapeXmlText(owner);
  // Accounts are named by access key; AWS clients expect both ID and DisplayName.
  return `<Owner><ID>${name}</ID><DisplayName>${name}</DisplayName></Owner>`;
}

/**
 * The <Owner> of each listed entry: its own owner where it has one, else the bucket owner's
 * (rendered once); nothing when the listing names no owner (V2 without fetch-owner).
 */
function entryOwners(bucketOwner: string | undefined): (entry: ObjectSummary) => string {
  const bucketOwnerXml = ownerXmlOf(bucketOwner);
  if (bucketOwner === undefined) return () => '';
  return (entry) => (entry.owner === undefined || entry.owner === bucketOwner ? bucketOwnerXml : ownerXmlOf(entry.owner));
}

/** One <Version> or <DeleteMarker> per entry, in the order given. */
function writeVersions(doc: XmlDocument, versions: readonly ObjectVersionSummary[], encode: NameEncoder, owner: string): void {
  const ownerOf = entryOwners(owner);
  for (const v of versions) {
    const ownerXml = ownerOf(v);
    const head = `<Key>${escapeXmlText(encode(v.key))}</Key><VersionId>${escapeXmlText(v.versionId)}</VersionId><IsLatest>${v.isLatest}</IsLatest>` + `<LastModified>${v.lastModified.toISOString()}</LastModified>`;
    if (v.deleteMarker) {
      doc.markup(`<DeleteMarker>${head}${ownerXml}</DeleteMarker>`);
      continue;
    }
    doc.markup(`<Version>${head}<ETag>&quot;${escapeXmlText(unquoteEtag(v.etag))}&quot;</ETag><Size>${v.size}</Size>${ownerXml}<StorageClass>STANDARD</StorageClass></Version>`);
  }
}

/**
 * One <Contents> per object, each rendered in one template; an Owner appears when the bucket
 * owner is given (V2 only with fetch-owner).
 */
function writeObjects(doc: XmlDocument, objects: readonly ObjectSummary[], encode: NameEncoder, owner?: string): void {
  const ownerOf = entryOwners(owner);
  for (const object of objects) {
    const ownerXml = ownerOf(object);
    doc.markup(
      `<Contents><Key>${escapeXmlText(encode(object.key))}</Key>` +
        `<LastModified>${object.lastModified.toISOString()}</LastModified>` +
        `<ETag>&quot;${escapeXmlText(unquoteEtag(object.etag))}&quot;</ETag><Size>${object.size}</Size>` +
        `${ownerXml}<StorageClass>STANDARD</StorageClass></Contents>`,
    );
  }
}

function writeCommonPrefixes(doc: XmlDocument, prefixes: readonly string[], encode: NameEncoder): void {
  for (const prefix of prefixes) doc.markup(`<CommonPrefixes><Prefix>${escapeXmlText(encode(prefix))}</Prefix></CommonPrefixes>`);
}
