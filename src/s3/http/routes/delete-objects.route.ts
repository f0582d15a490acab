import { type DeleteOutcome, DeleteObjectsCommand, type DeleteObjectsOutput, type ObjectToDelete } from '../../../operations/objects/delete-objects/delete-objects.command';
import { S3Error } from '../../errors/s3-error';
import { accessRequestOf } from '../access-request-of';
import { readBypassGovernance } from '../headers/object-lock-headers';
import { isRecord, listOf } from '../xml/xml-body-reader';
import { readChecksummedXml } from '../xml/checksummed-xml';
import { toXml } from '../xml/xml-writer';
import { bucketOf, S3Route, sendXml } from './s3-route';

/** AWS deletes at most this many keys per request. */
export const MAX_KEYS_PER_DELETE = 1000;


/** The Delete document: 1 to 1,000 Objects, each with a Key, and an optional Quiet; else MalformedXML. */
export function readDeleteDocument(doc: Record<string, unknown> | undefined): { objects: ObjectToDelete[]; quiet: boolean } {
  const root = doc?.Delete;
  if (!isRecord(root)) throw new S3Error('MalformedXML');
  const raw = root.Object;
  const items = listOf(raw);
  if (items.length === 0 || items.length > MAX_KEYS_PER_DELETE) throw new S3Error('MalformedXML');
  const objects = items.map((item): ObjectToDelete => {
    // An empty <Key/> parses as "": a key no object can have, reported for that entry alone.
    if (!isRecord(item) || typeof item.Key !== 'string') throw new S3Error('MalformedXML');
    return typeof item.VersionId === 'string' ? { key: item.Key, versionId: item.VersionId } : { key: item.Key };
  });
  const quiet = root.Quiet;
  if (quiet !== undefined && quiet !== 'true' && quiet !== 'false') throw new S3Error('MalformedXML');
  return { objects, quiet: quiet === 'true' };
}

/** DeleteMarker and DeleteMarkerVersionId of a Deleted entry, in AWS's element order after VersionId. */
function deleteMarkerOf(outcome: DeleteOutcome & { deleted: true }): Record<string, string | boolean> {
  if (!outcome.deleteMarker) return {};
  return outcome.deleteMarkerVersionId === undefined ? { DeleteMarker: true } : { DeleteMarker: true, DeleteMarkerVersionId: outcome.deleteMarkerVersionId };
}

export const deleteObjectsRoute: S3Route<DeleteObjectsOutput> = {
  operation: 'DeleteObjects',
  async toCommand(req) {
    const { objects, quiet } = readDeleteDocument(await readChecksummedXml(req));
    const access = accessRequestOf(req.request, 'DeleteObject', req.target, req.auth);
    return new DeleteObjectsCommand(req.context, { bucket: bucketOf(req), objects, quiet, access, bypassRequested: readBypassGovernance(req.request.headers) });
  },
  send(reply, { outcomes, quiet }) {
    const version = (object: ObjectToDelete) => (object.versionId === undefined ? {} : { VersionId: object.versionId });
    sendXml(
      reply,
      toXml('DeleteResult', {
        // In quiet mode only the keys that failed are reported.
        Deleted: quiet ? [] : outcomes.flatMap((o) => (o.deleted ? [{ Key: o.key, ...version(o), ...deleteMarkerOf(o) }] : [])),
        Error: outcomes.flatMap((o) => (o.deleted ? [] : [{ Key: o.key, ...version(o), Code: o.code, Message: o.message }])),
      }),
    );
  },
};
