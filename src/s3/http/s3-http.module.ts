import { Module } from '@nestjs/common';
import { OperationsModule } from '../../operations/operations.module';
import { AccessCheck } from '../access/access-check';
import { S3ExceptionFilter } from '../errors/s3-exception.filter';
import { S3AdmissionInterceptor } from './s3-admission.interceptor';
import { S3Controller } from './s3.controller';

@Module({
  imports: [OperationsModule],
  controllers: [S3Controller],
  providers: [AccessCheck, S3AdmissionInterceptor, S3ExceptionFilter],
})
export class S3HttpModule {}
