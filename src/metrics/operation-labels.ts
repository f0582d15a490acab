import { ADMIN_ROUTES } from '../admin/admin-routes';
import { S3_OPERATIONS } from '../s3/s3-operations';

/** The `operation` label of a request whose operation was never resolved (a URL Fastify cannot decode, a path no route takes). */
export const UNRESOLVED_OPERATION = 'unresolved';

/**
 * Every value the `operation` label can take, fixed at start-up: the S3 operations, the admin
 * operations, and `unresolved`. A request finds its row by one Map lookup of the name its
 * history row already carries; no label string is built per request.
 */
export const OPERATION_LABELS: readonly string[] = [...S3_OPERATIONS, ...Object.values(ADMIN_ROUTES).map((route) => route.operation), UNRESOLVED_OPERATION];

/** The `status_class` label by index: status 100-199 is row 0, 500 and above row 4. */
export const STATUS_CLASSES: readonly string[] = ['1xx', '2xx', '3xx', '4xx', '5xx'];

/**
 * Upper bounds (seconds) of the latency histogram's buckets: from a 4 KiB GET served from the page
 * cache (~0.2 ms) to a multi-GiB upload; `+Inf` follows the last.
 */
export const LATENCY_BOUNDS: readonly number[] = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300,
];
