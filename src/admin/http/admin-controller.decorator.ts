import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { AdminAuthGuard } from './admin-auth.guard';
import { AdminExceptionFilter } from './admin-exception.filter';

/**
 * An admin API controller: admin SigV4 authentication and JSON errors, bound here rather than
 * globally, as the S3 controller binds its own admission and XML errors.
 */
export function AdminController(): ClassDecorator {
  return applyDecorators(Controller(), UseGuards(AdminAuthGuard), UseFilters(AdminExceptionFilter));
}
