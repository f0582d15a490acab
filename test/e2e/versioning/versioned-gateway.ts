import { rm } from 'node:fs/promises';
import { S3ServiceException } from '@aws-sdk/client-s3';
import { type RunningGateway, startGateway } from '../support/gateway';

/** The versioning directory of a test gateway: beside its root, never inside it. */
export const versionsDirOf = (root: string): string => `${root}.versions`;

/** A real gateway started with --versioning-dir; stop() removes that directory too. */
export async function startVersionedGateway(): Promise<RunningGateway> {
  const gw = await startGateway((root) => ({ backend: { type: 'posix', root, dirPerms: 0o755, disableOtmp: false, versioningDir: versionsDirOf(root) } }));
  const stop = gw.stop.bind(gw);
  return {
    ...gw,
    async stop() {
      await stop();
      await rm(versionsDirOf(gw.root), { recursive: true, force: true });
    },
  };
}

/** The rejection of an SDK call, with its status and the headers it came with; fails the test if the call succeeded. */
export async function rejection(promise: Promise<unknown>): Promise<{ code: string; status?: number; headers: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof S3ServiceException)) throw error;
    const response = (error as S3ServiceException & { $response?: { headers?: Record<string, string> } }).$response;
    return { code: error.name, status: error.$metadata.httpStatusCode, headers: response?.headers ?? {} };
  }
  throw new Error('expected the call to fail');
}
