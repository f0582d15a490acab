import { DynamicModule, Global, Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { BACKEND } from './backends/backend';
import { PAUSE_POINTS } from './backends/pause-points';
import { DEFAULT_CONSOLE, type GatewayConfig } from './config/gateway-config';
import { BUCKET_CORS } from './cors/cors.tokens';
import { IAM_STORE } from './iam/iam.port';
import { MULTIPART_JOURNAL, MULTIPART_RECOVERY_REPORT } from './multipart/multipart.tokens';
import { S3_SETTINGS, S3Settings } from './operations/s3-settings';
import { S3HttpModule } from './s3/http/s3-http.module';
import { ACCESS_JOURNAL, AccessJournal } from './s3/access/access-journal';
import { BucketAccessStates } from './s3/access/bucket-access-states';
import { BUCKET_CHANGES } from './journal/bucket-changes';
import { ROUTE_TABLE } from './s3/http/route-table.token';
import { buildRouteTable } from './s3/http/routes/route-table';
import type { GatewayServices } from './gateway-services';
import { VersionsJournal } from './versioning/versions-journal';
import { VERSIONS_JOURNAL } from './versioning/versions.tokens';

/** DI token of the validated configuration. */
export const GATEWAY_CONFIG = Symbol('GatewayConfig');

/**
 * The services built before Nest starts (journal, IAM, backend) become singletons here, so no
 * request ever resolves a provider: there are no request-scoped providers anywhere.
 */
@Global()
@Module({})
class GatewayCoreModule {
  static forRoot(config: GatewayConfig, services: GatewayServices): DynamicModule {
    const settings: S3Settings = { region: config.region, readOnly: config.readOnly ?? false, sigV2: !config.disableSigV2, virtualDomain: config.virtualDomain };
    const providers = [
      { provide: GATEWAY_CONFIG, useValue: config },
      { provide: S3_SETTINGS, useValue: settings },
      { provide: BACKEND, useValue: services.backend },
      { provide: PAUSE_POINTS, useValue: services.pausePoints },
      { provide: IAM_STORE, useValue: services.iam },
      { provide: BUCKET_CORS, useValue: services.cors },
      { provide: MULTIPART_JOURNAL, useValue: services.multipart.journal },
      { provide: MULTIPART_RECOVERY_REPORT, useValue: services.multipart.recoveryReports },
      { provide: VERSIONS_JOURNAL, useValue: new VersionsJournal(services.events) },
      { provide: ROUTE_TABLE, useValue: buildRouteTable(settings) },
      { provide: ACCESS_JOURNAL, useValue: new AccessJournal(services.events) },
      { provide: BUCKET_CHANGES, useValue: services.bucketChanges },
      // One cache of buckets' access states: the access check reads it, S3 and admin changes forget in it.
      { provide: BucketAccessStates, useClass: BucketAccessStates },
    ];
    return { module: GatewayCoreModule, providers, exports: providers.map((p) => p.provide) };
  }
}

@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig, services: GatewayServices): DynamicModule {
    return { module: GatewayModule, imports: [GatewayCoreModule.forRoot(config, services), AdminModule.forRoot(services, config.console ?? DEFAULT_CONSOLE), S3HttpModule] };
  }
}
