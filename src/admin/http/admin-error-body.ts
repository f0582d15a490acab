import { IamError } from '../../iam/iam.port';
import { S3Error } from '../../s3/errors/s3-error';
import { AdminError } from '../admin-error';

/** The JSON every admin error is sent as. */
export interface AdminErrorBody {
  error: {
    code: string;
    message: string;
    /** The query parameter or body field at fault. */
    parameter?: string;
    requestId: string;
  };
}

export interface AdminErrorResponse {
  status: number;
  body: AdminErrorBody;
  /** Set for failures no client caused: the filter logs them. */
  unexpected?: unknown;
}

const IAM_STATUS: Record<IamError['code'], number> = { AccountExists: 409, NoSuchAccount: 404, InvalidAccount: 400 };

/** Any error thrown on an admin route, as status + JSON: admin errors, IAM refusals, S3's authentication errors. */
export function adminErrorResponse(error: unknown, requestId: string): AdminErrorResponse {
  const body = (code: string, message: string, parameter?: string): AdminErrorBody => ({
    error: parameter === undefined ? { code, message, requestId } : { code, message, parameter, requestId },
  });
  if (error instanceof AdminError) return { status: error.status, body: body(error.code, error.message, error.parameter) };
  if (error instanceof IamError) return { status: IAM_STATUS[error.code], body: body(error.code, error.message) };
  if (error instanceof S3Error && error.code !== 'InternalError') {
    return { status: error.status, body: body(error.code, error.message) };
  }
  return { status: 500, body: body('InternalError', 'We encountered an internal error. Please try again.'), unexpected: error };
}
