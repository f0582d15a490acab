import { applyDecorators } from '@nestjs/common';
import { IsIn, IsInt, IsOptional, IsString, Length, Min } from 'class-validator';
import { ROLES, type Account, type Role } from '../../iam/account';
import { MAX_ACCESS_KEY_LENGTH } from '../../iam/account-validation';

// The IAM store validates again; these rules are here to name the field for the client.
const AccessRules = () =>
  applyDecorators(
    IsString({ message: 'access is required and must be a string' }),
    Length(1, MAX_ACCESS_KEY_LENGTH, { message: `access must be 1 to ${MAX_ACCESS_KEY_LENGTH} characters` }),
  );
const SecretRules = () =>
  applyDecorators(IsString({ message: 'secret must be a string' }), Length(1, 256, { message: 'secret must be 1 to 256 characters' }));
const RoleRules = () => IsIn(ROLES, { message: `role must be one of ${ROLES.join(', ')}` });
const IdRules = (field: string) =>
  applyDecorators(
    IsOptional(),
    IsInt({ message: `${field} must be a non-negative integer` }),
    Min(0, { message: `${field} must be a non-negative integer` }),
  );

/** The POSIX ids VersityGW keeps with an account; optional in both bodies. */
class AccountIds {
  @IdRules('userId')
  userId?: number;

  @IdRules('groupId')
  groupId?: number;

  @IdRules('projectId')
  projectId?: number;
}

/** The body of /create-user. */
export class CreateUserBody extends AccountIds {
  @AccessRules()
  access!: string;

  @SecretRules()
  secret!: string;

  @RoleRules()
  role!: Role;
}

/** The body of /update-user: only the fields to change. */
export class UpdateUserBody extends AccountIds {
  @IsOptional()
  @SecretRules()
  secret?: string;

  @IsOptional()
  @RoleRules()
  role?: Role;
}

/** `?access=` of /update-user and /delete-user. */
export class AccessQuery {
  @AccessRules()
  access!: string;
}

/** An account as the admin API shows it: never its secret. */
export interface AccountView {
  access: string;
  role: Role;
  userId?: number;
  groupId?: number;
  projectId?: number;
}

export function accountView(account: Account): AccountView {
  const { secret: _secret, ...view } = account;
  return view;
}
