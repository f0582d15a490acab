import { format } from 'node:util';
import { Logger } from '@nestjs/common';
import { S3Client, type S3ClientResolvedConfig, type ServiceInputTypes, type ServiceOutputTypes } from '@aws-sdk/client-s3';
import type { Command } from '@smithy/types';
import type { TracedInput } from '../backend.types';
import { recorded } from '../../telemetry/with-span';
import { fromUpstream, type UpstreamTarget } from './upstream-errors';
import type { S3ProxyOptions } from './s3proxy-options';
import { UPSTREAM_SPAN_PLACE, upstreamSpan } from './upstream-span';

/** An @aws-sdk/client-s3 command. */
export type UpstreamCommand<I extends ServiceInputTypes, O extends ServiceOutputTypes> = Command<ServiceInputTypes, I, ServiceOutputTypes, O, S3ClientResolvedConfig>;

/**
 * The SDK's own messages, at debug level only: it logs every failed call (and warns of each failed
 * streamed upload), failures tracegw answers its client with and logs itself where they matter.
 */
function sdkLogger(): Record<'debug' | 'info' | 'warn' | 'error', (...content: unknown[]) => void> {
  const logger = new Logger('s3proxy');
  const debug = (...content: unknown[]): void => logger.debug(format(...content));
  return { debug, info: debug, warn: debug, error: debug };
}

export function createS3Client(options: S3ProxyOptions): S3Client {
  const { access, secret, endpoint, region, usePathStyle, disableChecksum } = options;
  const checksums = disableChecksum ? 'WHEN_REQUIRED' : 'WHEN_SUPPORTED';
  return new S3Client({
    region,
    ...(endpoint !== undefined ? { endpoint } : {}),
    forcePathStyle: usePathStyle,
    ...(access !== undefined && secret !== undefined ? { credentials: { accessKeyId: access, secretAccessKey: secret } } : {}),
    // A streamed body cannot be sent twice: the client retries the whole request if it wants to (VersityGW: NopRetryer).
    maxAttempts: 1,
    requestChecksumCalculation: checksums,
    responseChecksumValidation: checksums,
    logger: sdkLogger(),
  });
}

/**
 * Sends commands upstream: each under a client span of the calling operation's Backend span (when
 * recorded), each failure turned into the S3 error tracegw's client gets.
 */
export class Upstream {
  constructor(readonly client: S3Client) {}

  async send<I extends ServiceInputTypes, O extends ServiceOutputTypes>(command: UpstreamCommand<I, O>, target: UpstreamTarget, input: TracedInput = {}): Promise<O> {
    const { trace } = input;
    if (recorded(trace)) command.middlewareStack.addRelativeTo(upstreamSpan<I, O>(trace, command.constructor.name.replace(/Command$/, '')), UPSTREAM_SPAN_PLACE);
    try {
      return await this.client.send(command);
    } catch (error) {
      throw fromUpstream(error, target);
    }
  }
}
