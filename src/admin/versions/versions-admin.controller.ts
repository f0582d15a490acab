import { Inject, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Length } from 'class-validator';
import { BACKEND, type Backend, type ObjectVersionSummary } from '../../backends/backend';
import type { VersionsJournal } from '../../versioning/versions-journal';
import { VERSIONS_JOURNAL } from '../../versioning/versions.tokens';
import { ADMIN_ROUTES } from '../admin-routes';
import { AdminController } from '../http/admin-controller.decorator';
import { AdminRoute } from '../http/admin-route.decorator';
import { queryOf, validated } from '../http/validated';
import type { VersionsView } from './versions-view';

/** `?bucket=&key=` of /list-object-versions. */
export class VersionsQuery {
  @Length(1, 255, { message: 'bucket must be 1 to 255 characters' })
  bucket!: string;

  @Length(1, 1024, { message: 'key must be 1 to 1024 characters' })
  key!: string;
}

/** Versions read per page while one key's are gathered. */
const PAGE = 1000;

/**
 * One key's versions: those on storage (the backend's ListObjectVersions, this key alone) and the
 * journal's events about them, which answer "who deleted this, and which version?".
 */
@AdminController()
export class VersionsAdminController {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    @Inject(VERSIONS_JOURNAL) private readonly journal: VersionsJournal,
  ) {}

  @AdminRoute(ADMIN_ROUTES.listObjectVersions)
  async listObjectVersions(@Req() request: FastifyRequest): Promise<VersionsView> {
    const { bucket, key } = validated(VersionsQuery, queryOf(request.raw.url), 'parameter');
    const versions: ObjectVersionSummary[] = [];
    let marker: { keyMarker: string; versionIdMarker?: string } = { keyMarker: '' };
    for (;;) {
      const page = await this.backend.listObjectVersions({ bucket, prefix: key, delimiter: '', maxKeys: PAGE, ...marker });
      const ofKey = page.versions.filter((v) => v.key === key);
      versions.push(...ofKey);
      // Keys sort after their prefix: once another key shows up, this one's versions are all listed.
      if (!page.isTruncated || ofKey.length < page.versions.length || page.nextKeyMarker === undefined) break;
      marker = { keyMarker: page.nextKeyMarker, ...(page.nextVersionIdMarker === undefined ? {} : { versionIdMarker: page.nextVersionIdMarker }) };
    }
    return { bucket, key, versions, events: this.journal.history({ bucket, key }) };
  }
}
