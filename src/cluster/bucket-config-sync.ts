import type { BucketConfigBroadcast, BucketCorsConfigurations } from '../cors/bucket-cors';
import { type BucketConfigChangedMessage, isBucketConfigChangedMessage } from './cluster-messages';

/**
 * A cluster worker's side of keeping bucket configurations true in every worker: what this
 * worker changes is announced to the primary, which passes it on; what a sibling changed is
 * forgotten here. The IPC message costs nothing on requests that change nothing.
 */
export function syncBucketConfigWithSiblings(): { broadcast: BucketConfigBroadcast; follow(cors: BucketCorsConfigurations): void } {
  return {
    broadcast: {
      announce(bucket) {
        const message: BucketConfigChangedMessage = { tracegw: 'bucket-config-changed', bucket };
        if (process.send && process.connected) process.send(message);
      },
    },
    follow(cors) {
      process.on('message', (message: unknown) => {
        if (isBucketConfigChangedMessage(message)) cors.forget(message.bucket);
      });
    },
  };
}
