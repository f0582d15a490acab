import { ROLES, type Account, type Role } from './account';
import { IamError, type AccountUpdate } from './iam.port';

export const MAX_ACCESS_KEY_LENGTH = 128;

// Whitespace or control characters would break the Authorization header and log lines.
const FORBIDDEN_IN_ACCESS_KEY = /[\s\p{Cc}]/u;

/**
 * Checks at run time too: accounts arrive from admin requests as parsed JSON, whatever the
 * TypeScript types say.
 */
export function validateAccessKey(access: unknown): string {
  if (typeof access !== 'string' || access === '') throw invalid('the access key must be a non-empty string');
  if (access.length > MAX_ACCESS_KEY_LENGTH) throw invalid(`the access key is longer than ${MAX_ACCESS_KEY_LENGTH} characters`);
  if (FORBIDDEN_IN_ACCESS_KEY.test(access)) throw invalid('the access key contains whitespace or control characters');
  return access;
}

export function validateSecret(secret: unknown): string {
  if (typeof secret !== 'string' || secret === '') throw invalid('the secret key must be a non-empty string');
  return secret;
}

export function validateRole(role: unknown): Role {
  if (!ROLES.includes(role as Role)) throw invalid(`the role must be one of ${ROLES.join(', ')}`);
  return role as Role;
}

/** Returns a copy holding only the known fields. */
export function validateAccount(account: Account): Account {
  if (typeof account !== 'object' || account === null) throw invalid('an account must be an object');
  const valid: Account = {
    access: validateAccessKey(account.access),
    secret: validateSecret(account.secret),
    role: validateRole(account.role),
  };
  const userId = validateId('userId', account.userId);
  const groupId = validateId('groupId', account.groupId);
  const projectId = validateId('projectId', account.projectId);
  if (userId !== undefined) valid.userId = userId;
  if (groupId !== undefined) valid.groupId = groupId;
  if (projectId !== undefined) valid.projectId = projectId;
  return valid;
}

/** Returns a copy holding only the fields given (undefined means "leave as is"). */
export function validateAccountUpdate(update: AccountUpdate): AccountUpdate {
  if (typeof update !== 'object' || update === null) throw invalid('an account update must be an object');
  const valid: AccountUpdate = {};
  if (update.secret !== undefined) valid.secret = validateSecret(update.secret);
  if (update.role !== undefined) valid.role = validateRole(update.role);
  const userId = validateId('userId', update.userId);
  const groupId = validateId('groupId', update.groupId);
  const projectId = validateId('projectId', update.projectId);
  if (userId !== undefined) valid.userId = userId;
  if (groupId !== undefined) valid.groupId = groupId;
  if (projectId !== undefined) valid.projectId = projectId;
  return valid;
}

function validateId(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalid(`${field} must be a non-negative integer`);
  }
  return value;
}

function invalid(message: string): IamError {
  return new IamError('InvalidAccount', message);
}
