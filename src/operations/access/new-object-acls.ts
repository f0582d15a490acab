import { Inject, Injectable } from '@nestjs/common';
import type { AccessControlList } from '../../backends/backend';
import type { Account } from '../../iam/account';
import { IAM_STORE, type IamStore } from '../../iam/iam.port';
import { BucketAccessStates } from '../../s3/access/bucket-access-states';
import type { AclRequest } from './acl-request';
import { newObjectAcl } from './acl-write-rules';

/** What a command writing a new object carries when the request asked for its ACL. */
export interface WithAclRequest {
  bucket: string;
  /** x-amz-acl / x-amz-grant-*, as the request gave them. */
  aclRequest?: AclRequest;
}

/**
 * The ACL of an object being written (PutObject, CopyObject, CreateMultipartUpload), from the
 * request's headers and its bucket's settings (the cached access state: ownership controls, public
 * access block, owner). A write without ACL headers costs nothing here.
 */
@Injectable()
export class NewObjectAcls {
  constructor(
    private readonly states: BucketAccessStates,
    @Inject(IAM_STORE) private readonly iam: IamStore,
  ) {}

  /** The input as the backend takes it: the request's ACL resolved into `acl`, the request itself dropped. */
  async resolve<T extends WithAclRequest>(input: T, account: Account | undefined): Promise<Omit<T, 'aclRequest'> & { acl?: AccessControlList }> {
    const { aclRequest, ...rest } = input;
    if (aclRequest === undefined) return rest;
    const acl = newObjectAcl(aclRequest, await this.states.get(input.bucket), account, this.iam);
    return acl === undefined ? rest : { ...rest, acl };
  }
}
