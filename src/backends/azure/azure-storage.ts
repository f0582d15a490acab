import {
  AnonymousCredential,
  BlobSASPermissions,
  BlobServiceClient,
  type BlockBlobClient,
  type ContainerClient,
  StorageSharedKeyCredential,
  type StoragePipelineOptions,
} from '@azure/storage-blob';
import type { AzureBackendConfig } from '../../config/gateway-config';

/** How long a SAS the gateway makes for a copy's source stays good: enough for one service-side copy. */
const COPY_SOURCE_SAS_MS = 60 * 60 * 1000;

/**
 * The storage account as the backend reaches it: one BlobServiceClient (one HTTP agent, keep-alive)
 * and the clients of containers and blobs derived from it, which share its pipeline.
 */
export class AzureStorage {
  readonly service: BlobServiceClient;
  private readonly sharedKey: StorageSharedKeyCredential | undefined;

  constructor(config: Omit<AzureBackendConfig, 'type'>, options: StoragePipelineOptions = {}) {
    // As VersityGW's azure.New: a SAS token wins over the account key.
    if (config.sasToken !== undefined) {
      this.sharedKey = undefined;
      this.service = new BlobServiceClient(`${config.serviceUrl}?${config.sasToken}`, new AnonymousCredential(), options);
    } else {
      if (config.account === undefined || config.accountKey === undefined) throw new Error('azure: an account with its key, or a SAS token, is needed');
      this.sharedKey = new StorageSharedKeyCredential(config.account, config.accountKey);
      this.service = new BlobServiceClient(config.serviceUrl, this.sharedKey, options);
    }
  }

  container(bucket: string): ContainerClient {
    return this.service.getContainerClient(bucket);
  }

  blob(bucket: string, key: string): BlockBlobClient {
    return this.container(bucket).getBlockBlobClient(key);
  }

  /**
   * A URL the service itself may read the blob from, for Copy Blob From URL and Put Block From URL,
   * which authorize their source apart from the request: a short read-only SAS with the account
   * key, the configured SAS token otherwise (it is in the client's URL already).
   */
  async readableUrl(bucket: string, key: string): Promise<string> {
    const blob = this.container(bucket).getBlobClient(key);
    if (this.sharedKey === undefined) return blob.url;
    return blob.generateSasUrl({ permissions: BlobSASPermissions.parse('r'), expiresOn: new Date(Date.now() + COPY_SOURCE_SAS_MS) });
  }
}
