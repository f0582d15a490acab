import { backendHandler } from '../../backend-handler';
import { ListBucketsCommand } from './list-buckets.command';

/** Admins see every bucket; other accounts only the buckets they own (as VersityGW). */
export const ListBucketsHandler = backendHandler(ListBucketsCommand, async (backend, { context }) => {
  const buckets = await backend.listBuckets();
  const account = context.account;
  if (account?.role === 'admin') return buckets;
  return buckets.filter((bucket) => bucket.owner === account?.access);
});
