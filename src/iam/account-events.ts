import type { NewEvent, StoredEvent } from '../journal/event';
import type { Account, Role } from './account';
import type { AccountUpdate } from './iam.port';

export interface AccountCreatedData {
  access: string;
  secret: string;
  role: Role;
  userId?: number;
  groupId?: number;
  projectId?: number;
}

/** Only the fields that changed; absent means unchanged. */
export interface AccountUpdatedData extends AccountUpdate {
  access: string;
}

export interface AccountDeletedData {
  access: string;
}

export type AccountEvent =
  | { type: 'AccountCreated'; data: AccountCreatedData }
  | { type: 'AccountUpdated'; data: AccountUpdatedData }
  | { type: 'AccountDeleted'; data: AccountDeletedData };

export type StoredAccountEvent = StoredEvent & AccountEvent;

const ACCOUNT_EVENT_TYPES: ReadonlySet<string> = new Set<AccountEvent['type']>(['AccountCreated', 'AccountUpdated', 'AccountDeleted']);

export function accountStreamId(access: string): string {
  return `account:${access}`;
}

/**
 * The builders copy known fields one by one so that whatever else an admin request carried
 * never lands in the append-only log.
 */
export function accountCreated(account: Account, traceId?: string): NewEvent<AccountCreatedData> {
  const data: AccountCreatedData = { access: account.access, secret: account.secret, role: account.role };
  if (account.userId !== undefined) data.userId = account.userId;
  if (account.groupId !== undefined) data.groupId = account.groupId;
  if (account.projectId !== undefined) data.projectId = account.projectId;
  return { streamId: accountStreamId(account.access), type: 'AccountCreated', data, traceId };
}

export function accountUpdated(access: string, update: AccountUpdate, traceId?: string): NewEvent<AccountUpdatedData> {
  const data: AccountUpdatedData = { access };
  if (update.secret !== undefined) data.secret = update.secret;
  if (update.role !== undefined) data.role = update.role;
  if (update.userId !== undefined) data.userId = update.userId;
  if (update.groupId !== undefined) data.groupId = update.groupId;
  if (update.projectId !== undefined) data.projectId = update.projectId;
  return { streamId: accountStreamId(access), type: 'AccountUpdated', data, traceId };
}

export function accountDeleted(access: string, traceId?: string): NewEvent<AccountDeletedData> {
  return { streamId: accountStreamId(access), type: 'AccountDeleted', data: { access }, traceId };
}

/** Narrows by type; the data shape is trusted because only the builders above write these types. */
export function isAccountEvent(event: StoredEvent): event is StoredAccountEvent {
  return ACCOUNT_EVENT_TYPES.has(event.type);
}
