/**
 * One request as the operation history keeps it: what the HTTP layer knew when the response had
 * gone out. Built on every request, so it is a flat object of primitives (cheap to make, cheap to
 * bind to the INSERT); null means "not known for this request".
 */
export interface OperationRecord {
  traceId: string;
  requestId: string;
  /** S3 operation name (`GetObject`) or admin operation (`AdminCreateUser`); null when never resolved. */
  operation: string | null;
  bucket: string | null;
  key: string | null;
  uploadId: string | null;
  partNumber: number | null;
  /** The access key the request was signed with, also when the signature did not verify. */
  accessKey: string | null;
  /** Only once the signature verified. */
  role: string | null;
  clientAddress: string | null;
  userAgent: string | null;
  httpStatus: number;
  errorCode: string | null;
  bytesIn: number;
  bytesOut: number;
  /** Epoch milliseconds of arrival. */
  startedAt: number;
  durationMs: number;
  authMs: number | null;
  backendMs: number | null;
  /** False when the connection closed before the whole response was sent. */
  completed: boolean;
}

/** A record as stored, with the id the journal gave it. */
export interface StoredOperation extends OperationRecord {
  id: number;
}
