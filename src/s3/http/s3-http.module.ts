import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { OperationsModule } from '../../operations/operations.module';
import { S3TracingInterceptor } from '../../telemetry/s3-tracing.interceptor';
import { CorsResponseHeaders } from './cors/cors-response-headers';
import { S3ExceptionFilter } from './s3-exception.filter';
import { S3Admission } from './s3-admission';
import { S3Controller } from './s3.controller';

/**
 * The S3 API: its controller mounted on every path and method that no admin route takes (Fastify
 * matches the admin API's static paths first).
 */
@Module({
  imports: [OperationsModule],
  providers: [S3Controller, S3TracingInterceptor, S3Admission, S3ExceptionFilter, CorsResponseHeaders],
})
export class S3HttpModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly controller: S3Controller,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.all('/', this.controller.handle);
    fastify.all('/*', this.controller.handle);
  }
}
