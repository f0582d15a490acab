import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { BACKEND, type Backend, type PutObjectOutput } from '../../../backends/backend';
import { NewObjectAcls } from '../../access/new-object-acls';
import type { S3CommandHandler } from '../../backend-handler';
import { PutObjectCommand } from './put-object.command';

@CommandHandler(PutObjectCommand)
export class PutObjectHandler implements S3CommandHandler<PutObjectCommand, PutObjectOutput> {
  constructor(
    @Inject(BACKEND) private readonly backend: Backend,
    private readonly acls: NewObjectAcls,
  ) {}

  async execute(command: PutObjectCommand): Promise<PutObjectOutput> {
    const input = command.tracedInput();
    // Most PUTs name no ACL: they go straight on, without a wait for the bucket's settings.
    return this.backend.putObject(input.aclRequest === undefined ? input : await this.acls.resolve(input, command.context.account));
  }
}
