import { S3ServiceException } from '@aws-sdk/client-s3';

/** The S3 error code a rejected SDK call carries; fails the test if the call succeeded. */
export async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error.name;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** The HTTP status of a rejected SDK call (for answers without a body, such as 304). */
export async function errorStatus(promise: Promise<unknown>): Promise<number | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error.$metadata.httpStatusCode;
    throw error;
  }
  throw new Error('expected the call to fail');
}
