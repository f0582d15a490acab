import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import type { OperationFilter } from '../../journal/history/operation-filter';
import { TIME_FORMAT, toEpochMs, toInteger } from './query-values';

export const MAX_PAGE = 1000;
export const DEFAULT_PAGE = 100;

const NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

/** `?from=&to=`: the time window of /operations-summary, and a filter of /list-operations. */
export class TimeWindowQuery {
  @IsOptional()
  @Transform(toEpochMs)
  @IsInt({ message: `from must be ${TIME_FORMAT}` })
  from?: number;

  @IsOptional()
  @Transform(toEpochMs)
  @IsInt({ message: `to must be ${TIME_FORMAT}` })
  to?: number;
}

/** The query of /list-operations; names as in the URL, so an error names what the client typed. */
export class ListOperationsQuery extends TimeWindowQuery {
  @IsOptional()
  @Length(1, 255, { message: 'bucket must be 1 to 255 characters' })
  bucket?: string;

  @IsOptional()
  @Length(1, 1024, { message: 'prefix must be 1 to 1024 characters' })
  prefix?: string;

  @IsOptional()
  @Matches(NAME, { message: 'operation must be an operation name such as GetObject' })
  operation?: string;

  @IsOptional()
  @Length(1, 128, { message: 'account must be an access key of 1 to 128 characters' })
  account?: string;

  @IsOptional()
  @Matches(/^[1-5](\d\d|xx)$/, { message: 'status must be an HTTP status such as 404 or a class such as 4xx' })
  status?: string;

  @IsOptional()
  @Matches(NAME, { message: 'error-code must be an error code such as NoSuchKey' })
  'error-code'?: string;

  @IsOptional()
  @Matches(/^[0-9a-fA-F]{32}$/, { message: 'trace-id must be 32 hex digits (the X-Trace-ID header)' })
  'trace-id'?: string;

  @IsOptional()
  @Transform(toInteger)
  @IsInt({ message: `limit must be a whole number from 1 to ${MAX_PAGE}` })
  @Min(1, { message: `limit must be a whole number from 1 to ${MAX_PAGE}` })
  @Max(MAX_PAGE, { message: `limit must be a whole number from 1 to ${MAX_PAGE}` })
  limit?: number;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,128}$/, { message: 'cursor must be the nextCursor of an earlier page' })
  cursor?: string;
}

export function operationFilterOf(query: ListOperationsQuery): OperationFilter {
  const filter: OperationFilter = {
    bucket: query.bucket,
    keyPrefix: query.prefix,
    operation: query.operation,
    accessKey: query.account,
    errorCode: query['error-code'],
    from: query.from,
    to: query.to,
    traceId: query['trace-id']?.toLowerCase(),
  };
  if (query.status !== undefined) {
    const status = query.status;
    filter.status = status.endsWith('xx')
      ? { min: Number(status[0]) * 100, max: Number(status[0]) * 100 + 99 }
      : { min: Number(status), max: Number(status) };
  }
  return filter;
}

/** `?id=` of /get-operation. */
export class OperationIdQuery {
  @Transform(toInteger)
  @IsInt({ message: 'id must be the whole-number id of an operation' })
  @Min(1, { message: 'id must be the whole-number id of an operation' })
  id!: number;
}
