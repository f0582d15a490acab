import { Inject, Injectable } from '@nestjs/common';
import { BACKEND, Backend, type GetObjectOutput, type ObjectInfo, isFileSpan } from '../../backends/backend';
import { AccessCheck } from '../../s3/access/access-check';
import type { Type } from '@nestjs/common';
import { portHandler, type S3CommandHandler } from '../backend-handler';
import type { S3InputCommand } from '../s3-command';

/** DI token of ObjectReads, the port the GET and HEAD handlers work with. */
export const OBJECT_READS = Symbol('ObjectReads');

/** A read's answer: the object's description, and for a GET its body. */
type ReadOutput = { info: ObjectInfo; body?: GetObjectOutput['body'] };

/**
 * GET and HEAD: the backend's read, then the object held to its own ACL when it belongs to another
 * account than the bucket's (the admission let the bucket owner in without reading that ACL, which
 * comes here with the object's other attributes at no cost). A refused GET lets its body go.
 */
@Injectable()
export class ObjectReads {
  constructor(
    @Inject(BACKEND) readonly backend: Backend,
    private readonly access: AccessCheck,
  ) {}

  async read<TInput extends { bucket: string }, TOutput extends ReadOutput>(command: S3InputCommand<TInput, TOutput>, read: (backend: Backend, input: TInput) => Promise<TOutput>): Promise<TOutput> {
    const output = await read(this.backend, command.input);
    // Most objects have no ACL of their own: those go on without another await.
    if (output.info.acl === undefined) return output;
    try {
      await this.access.assertOpenedObjectReadable(command.context.account, command.input.bucket, output.info.acl);
    } catch (err) {
      await release(output.body);
      throw err;
    }
    return output;
  }
}

async function release(body: GetObjectOutput['body'] | undefined): Promise<void> {
  if (body === undefined || Buffer.isBuffer(body)) return;
  if (isFileSpan(body)) await body.close().catch(() => undefined);
  else body.destroy();
}

/** Declares the handler of GET or HEAD: `read` is the backend's read, the check after it ObjectReads'. */
export function objectReadHandler<TInput extends { bucket: string }, TOutput extends ReadOutput, TCommand extends S3InputCommand<TInput, TOutput>>(
  command: Type<TCommand>,
  read: (backend: Backend, input: TInput) => Promise<TOutput>,
): Type<S3CommandHandler<TCommand, TOutput>> {
  return portHandler(OBJECT_READS, command, (reads: ObjectReads, cmd: TCommand) => reads.read(cmd, read));
}
