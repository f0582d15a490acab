// Accounts and bucket owners, read-only: `tracegw admin` (SigV4) changes them; a console session cannot.
import { el, errorLine, table } from './dom.js';

const ACCOUNT_COLUMNS = [
  { title: 'Access key', value: (a) => a.access },
  { title: 'Role', value: (a) => a.role },
  { title: 'User id', value: (a) => a.userId ?? '' },
  { title: 'Group id', value: (a) => a.groupId ?? '' },
  { title: 'Project id', value: (a) => a.projectId ?? '' },
];

const BUCKET_COLUMNS = [
  { title: 'Bucket', value: (b) => b.name },
  { title: 'Owner', value: (b) => b.owner },
  { title: 'Created', value: (b) => new Date(b.creationDate).toLocaleString() },
];

export async function showAccounts(section, context) {
  section.append(el('p', { class: 'page-info' }, 'Read-only: change accounts and owners with tracegw admin.'));
  let accounts;
  let buckets;
  try {
    [{ accounts }, { buckets }] = await Promise.all([context.api('/list-users'), context.api('/list-buckets')]);
  } catch (error) {
    section.append(errorLine(error.message));
    return;
  }
  section.append(
    el('h2', {}, 'Accounts'),
    el('p', {}, 'The root account is configured, not stored, and is not listed.'),
    el('div', { id: 'accounts' }, table(ACCOUNT_COLUMNS, accounts, (a, column) => column.value(a))),
    el('h2', {}, 'Buckets and their owners'),
    el('div', { id: 'buckets' }, table(BUCKET_COLUMNS, buckets, (b, column) => column.value(b))),
  );
}
