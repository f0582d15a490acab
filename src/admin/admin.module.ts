import { DynamicModule, Module } from '@nestjs/common';
import type { ConsoleConfig } from '../config/gateway-config';
import type { GatewayServices } from '../gateway-services';
import { CONSOLE_SESSIONS, EVENT_STORE, OPERATION_HISTORY } from './admin.tokens';
import { BucketAdminController } from './buckets/bucket-admin.controller';
import { ConsoleSessionController } from './console/console-session.controller';
import { ConsoleSessions } from './console/console-sessions';
import { JournalSignedOutSessions } from './console/signed-out-sessions';
import { HistoryAdminController } from './history/history-admin.controller';
import { AdminAuthGuard } from './http/admin-auth.guard';
import { AdminExceptionFilter } from './http/admin-exception.filter';
import { IamAdminController } from './iam/iam-admin.controller';
import { JournalAdminController } from './journal/journal-admin.controller';
import { MultipartAdminController } from './multipart/multipart-admin.controller';
import { VersionsAdminController } from './versions/versions-admin.controller';

/** The admin API (docs/admin-api.md) and the console's sign-in (docs/console.md): PATCH routes beside the S3 controller, with their own auth and JSON errors. */
@Module({})
export class AdminModule {
  static forRoot(services: GatewayServices, consoleConfig: ConsoleConfig): DynamicModule {
    return {
      module: AdminModule,
      controllers: [IamAdminController, BucketAdminController, HistoryAdminController, MultipartAdminController, JournalAdminController, VersionsAdminController, ConsoleSessionController],
      providers: [
        AdminAuthGuard,
        AdminExceptionFilter,
        { provide: EVENT_STORE, useValue: services.events },
        { provide: OPERATION_HISTORY, useValue: services.history },
        { provide: CONSOLE_SESSIONS, useValue: new ConsoleSessions((access) => services.iam.getAccount(access), consoleConfig, new JournalSignedOutSessions(services.journal)) },
      ],
      exports: [CONSOLE_SESSIONS],
    };
  }
}
