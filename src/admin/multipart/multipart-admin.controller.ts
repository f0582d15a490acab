import { Inject, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { IsOptional, Length } from 'class-validator';
import type { MultipartJournal } from '../../multipart/multipart-journal';
import { MULTIPART_JOURNAL, MULTIPART_RECOVERY_REPORT } from '../../multipart/multipart.tokens';
import type { MultipartRecoveryReports } from '../../multipart/recovery/recovery-report';
import { ADMIN_ROUTES } from '../admin-routes';
import { AdminController } from '../http/admin-controller.decorator';
import { AdminRoute } from '../http/admin-route.decorator';
import { queryOf, validated } from '../http/validated';
import type { MultipartView } from './multipart-view';

/** `?bucket=` of /list-multipart-uploads. */
export class MultipartQuery {
  @IsOptional()
  @Length(1, 255, { message: 'bucket must be 1 to 255 characters' })
  bucket?: string;
}

/** Multipart uploads in flight as this node's journal knows them, oldest first, and the last recovery report. */
@AdminController()
export class MultipartAdminController {
  constructor(
    @Inject(MULTIPART_JOURNAL) private readonly journal: MultipartJournal,
    @Inject(MULTIPART_RECOVERY_REPORT) private readonly reports: MultipartRecoveryReports,
  ) {}

  @AdminRoute(ADMIN_ROUTES.listMultipartUploads)
  listMultipartUploads(@Req() request: FastifyRequest): MultipartView {
    const { bucket } = validated(MultipartQuery, queryOf(request.raw.url), 'parameter');
    const uploads = this.journal
      .inFlight()
      .filter((upload) => bucket === undefined || upload.bucket === bucket)
      .map((upload) => ({ ...upload, partCount: upload.parts.length, size: upload.parts.reduce((sum, part) => sum + part.size, 0) }));
    return { uploads, recovery: this.reports.last() ?? null };
  }
}
