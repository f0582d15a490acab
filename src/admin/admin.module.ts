import { DynamicModule, Module } from '@nestjs/common';
import type { GatewayServices } from '../gateway-services';
import { EVENT_STORE, OPERATION_HISTORY } from './admin.tokens';
import { BucketAdminController } from './buckets/bucket-admin.controller';
import { HistoryAdminController } from './history/history-admin.controller';
import { AdminAuthGuard } from './http/admin-auth.guard';
import { AdminExceptionFilter } from './http/admin-exception.filter';
import { IamAdminController } from './iam/iam-admin.controller';
import { JournalAdminController } from './journal/journal-admin.controller';
import { MultipartAdminController } from './multipart/multipart-admin.controller';
import { VersionsAdminController } from './versions/versions-admin.controller';

/** The admin API (docs/admin-api.md): PATCH routes beside the S3 controller, with their own auth and JSON errors. */
@Module({})
export class AdminModule {
  static forRoot(services: GatewayServices): DynamicModule {
    return {
      module: AdminModule,
      controllers: [IamAdminController, BucketAdminController, HistoryAdminController, MultipartAdminController, JournalAdminController, VersionsAdminController],
      providers: [
        AdminAuthGuard,
        AdminExceptionFilter,
        { provide: EVENT_STORE, useValue: services.events },
        { provide: OPERATION_HISTORY, useValue: services.history },
      ],
    };
  }
}
