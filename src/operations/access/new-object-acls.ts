import { Inject, Injectable } from '@nestjs/common';
import type { AccessControlList } from '../../backends/backend';
import type { Account } from '../../iam/account';
import { IAM_STORE, type IamStore } from '../../iam/iam.port';
import { BucketAccessStates } from '../../s3/access/bucket-access-states';
import type { AclRequest } from './acl-request';
import { newObjectAcl, writerObjectAcl, writesForeignObject } from './acl-write-rules';

/** What a command writing a new object carries when the request asked for its ACL. */
export interface WithAclRequest {
  bucket: string;
  /** x-amz-acl / x-amz-grant-*, as the request gave them. */
  aclRequest?: AclRequest;
}

/**
 * The ACL of an object being written (PutObject, CopyObject, CreateMultipartUpload, PostObject),
 * from the request's headers and its bucket's settings (the cached access state: ownership
 * controls, public access block, owner); without headers, the writer's own private ACL where the
 * writer is not the bucket's owner (writerObjectAcl). The bucket owner's writes without ACL
 * headers cost a map lookup here.
 */
@Injectable()
export class NewObjectAcls {
  constructor(
    private readonly states: BucketAccessStates,
    @Inject(IAM_STORE) private readonly iam: IamStore,
  ) {}

  /**
   * Whether the write must wait for resolve, or goes on as it is (no ACL to store): false for the
   * bucket owner's writes without ACL headers, decided from the state the admission cached.
   */
  needsResolving(input: WithAclRequest, account: Account | undefined): boolean {
    if (input.aclRequest !== undefined) return true;
    const state = this.states.peek(input.bucket);
    return state === undefined ? account !== undefined : writesForeignObject(state, account);
  }

  /** The input as the backend takes it: the object's ACL resolved into `acl`, the request itself dropped. */
  async resolve<T extends WithAclRequest>(input: T, account: Account | undefined): Promise<Omit<T, 'aclRequest'> & { acl?: AccessControlList }> {
    const { aclRequest, ...rest } = input;
    if (!this.needsResolving(input, account)) return rest;
    const state = await this.states.get(input.bucket);
    const acl = aclRequest === undefined ? writerObjectAcl(state, account) : newObjectAcl(aclRequest, state, account, this.iam);
    return acl === undefined ? rest : { ...rest, acl };
  }
}
