/** VersityGW's roles: a user works in buckets it owns; userplus may also create buckets; admin may do anything. */
export type Role = 'admin' | 'user' | 'userplus';

export const ROLES: readonly Role[] = ['admin', 'user', 'userplus'];

export interface Account {
  access: string;
  secret: string;
  role: Role;
  /** POSIX ids that VersityGW can apply to files an account writes; kept for compatibility. */
  userId?: number;
  groupId?: number;
  projectId?: number;
}

/** The root account is configured, not stored: it always exists and is always admin. */
export interface RootAccount extends Account {
  role: 'admin';
}
