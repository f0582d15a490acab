/**
 * Every admin route: its path and the operation name its history rows carry. All are PATCH, as in
 * VersityGW's admin API (s3api/admin-router.go): S3 never uses PATCH, so no S3 request can reach
 * one, and a static route wins over the S3 controller's catch-all in Fastify's router. The CLI
 * builds its requests from this table too.
 */
export const ADMIN_ROUTES = {
  createUser: { path: '/create-user', operation: 'AdminCreateUser' },
  updateUser: { path: '/update-user', operation: 'AdminUpdateUser' },
  deleteUser: { path: '/delete-user', operation: 'AdminDeleteUser' },
  listUsers: { path: '/list-users', operation: 'AdminListUsers' },
  changeBucketOwner: { path: '/change-bucket-owner', operation: 'AdminChangeBucketOwner' },
  listBuckets: { path: '/list-buckets', operation: 'AdminListBuckets' },
  listOperations: { path: '/list-operations', operation: 'AdminListOperations' },
  getOperation: { path: '/get-operation', operation: 'AdminGetOperation' },
  operationsSummary: { path: '/operations-summary', operation: 'AdminOperationsSummary' },
  listMultipartUploads: { path: '/list-multipart-uploads', operation: 'AdminListMultipartUploads' },
  listObjectVersions: { path: '/list-object-versions', operation: 'AdminListObjectVersions' },
  rebuildProjections: { path: '/rebuild-projections', operation: 'AdminRebuildProjections' },
  // The operations console's sign-in (access key and secret in, session cookie out) and sign-out.
  consoleSignIn: { path: '/console-sign-in', operation: 'AdminConsoleSignIn' },
  consoleSignOut: { path: '/console-sign-out', operation: 'AdminConsoleSignOut' },
} as const;

export type AdminRouteName = keyof typeof ADMIN_ROUTES;
export type AdminRouteSpec = (typeof ADMIN_ROUTES)[AdminRouteName];

export const ADMIN_METHOD = 'PATCH';

const ADMIN_PATHS: ReadonlySet<string> = new Set(Object.values(ADMIN_ROUTES).map(({ path }) => path));

/** True for a request the admin API answers. */
export function isAdminRequest(method: string | undefined, rawUrl: string | undefined): boolean {
  if (method !== ADMIN_METHOD || rawUrl === undefined) return false;
  const q = rawUrl.indexOf('?');
  return ADMIN_PATHS.has(q === -1 ? rawUrl : rawUrl.slice(0, q));
}
