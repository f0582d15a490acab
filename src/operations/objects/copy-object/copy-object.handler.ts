import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { BACKEND, type Backend, type CopyObjectOutput } from '../../../backends/backend';
import { NewObjectAcls } from '../../access/new-object-acls';
import type { S3CommandHandler } from '../../backend-handler';
import { CopyObjectCommand } from './copy-object.command';

/** The source's access was checked at admission, with the destination's. */
@CommandHandler(CopyObjectCommand)
export class CopyObjectHandler implements S3CommandHandler<CopyObjectCommand, CopyObjectOutput> {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    private readonly acls: NewObjectAcls,
  ) {}

  async execute(command: CopyObjectCommand): Promise<CopyObjectOutput> {
    return this.backend.copyObject(await this.acls.resolve(command.tracedInput(), command.context.account));
  }
}
