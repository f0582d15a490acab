import type { StoredEvent } from '../journal/event';
import type { Projection } from '../journal/projection';
import { isMultipartEvent } from './multipart-events';
import type { UploadsRepository } from './uploads.repository';

/**
 * Keeps `multipart_uploads` and `multipart_parts` equal to the fold of the multipart events: the
 * uploads this node knows to be in flight. Unlike the accounts projection it refuses nothing:
 * several gateways share the file system, so this node may hear of a part of an upload another
 * node created, or of the end of an upload it never heard begin. Such events are recorded and
 * folded as far as they go (a part's upload is recorded with origin `part`).
 */
export class MultipartUploadsProjection implements Projection {
  readonly name = 'multipart-uploads';

  constructor(private readonly uploads: UploadsRepository) {}

  apply(event: StoredEvent): void {
    if (!isMultipartEvent(event)) return;
    const { seq, time } = event;
    switch (event.type) {
      case 'UploadCreated': {
        const d = event.data;
        this.uploads.insertIfAbsent({
          bucket: d.bucket,
          key: d.key,
          uploadId: d.uploadId,
          initiated: d.initiated,
          checksumAlgorithm: d.checksumAlgorithm ?? null,
          checksumType: d.checksumType ?? null,
          origin: d.origin,
          createdSeq: seq,
          updatedSeq: seq,
          updatedAt: time,
        });
        return;
      }
      case 'PartUploaded': {
        const d = event.data;
        this.uploads.insertIfAbsent({
          bucket: d.bucket,
          key: d.key,
          uploadId: d.uploadId,
          initiated: time,
          checksumAlgorithm: null,
          checksumType: null,
          origin: 'part',
          createdSeq: seq,
          updatedSeq: seq,
          updatedAt: time,
        });
        this.uploads.touch(d, seq, time);
        this.uploads.putPart({
          bucket: d.bucket,
          key: d.key,
          uploadId: d.uploadId,
          partNumber: d.partNumber,
          etag: d.etag,
          size: d.size,
          checksumAlgorithm: d.checksum?.algorithm ?? null,
          checksumValue: d.checksum?.value ?? null,
          origin: d.origin,
          seq,
          uploadedAt: time,
        });
        return;
      }
      case 'PartRemoved':
        this.uploads.deletePartRecord(event.data, event.data.partNumber);
        this.uploads.touch(event.data, seq, time);
        return;
      case 'UploadCompleted':
      case 'UploadAborted':
        this.uploads.delete(event.data);
        return;
    }
  }

  reset(): void {
    this.uploads.deleteAll();
  }
}
