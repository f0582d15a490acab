import { applyDecorators, Patch, SetMetadata } from '@nestjs/common';
import type { AdminRouteSpec } from '../admin-routes';

/** Metadata key of the admin operation name a handler serves. */
export const ADMIN_OPERATION = 'tracegw:admin-operation';

/** The PATCH handler of one row of ADMIN_ROUTES. */
export function AdminRoute(route: AdminRouteSpec): MethodDecorator {
  return applyDecorators(Patch(route.path), SetMetadata(ADMIN_OPERATION, route.operation));
}
