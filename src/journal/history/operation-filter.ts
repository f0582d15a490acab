/** Which history rows a listing wants; every field narrows, absent ones do not. */
export interface OperationFilter {
  bucket?: string;
  /** Rows whose key starts with this (S3 keys are case-sensitive, so is this). */
  keyPrefix?: string;
  operation?: string;
  accessKey?: string;
  /** Inclusive HTTP status range: one status is {min: 404, max: 404}, a class {min: 400, max: 499}. */
  status?: { min: number; max: number };
  errorCode?: string;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  traceId?: string;
}

/** Newest first: `after` is the position of the last row of the previous page. */
export interface OperationPage {
  after?: OperationPosition;
  limit: number;
}

/** Where a row sits in newest-first order: start time, then id for rows that started in the same ms. */
export interface OperationPosition {
  startedAt: number;
  id: number;
}
