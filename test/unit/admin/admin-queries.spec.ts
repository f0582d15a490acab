import { AdminError } from '../../../src/admin/admin-error';
import { isAdminRequest } from '../../../src/admin/admin-routes';
import { decodeCursor, encodeCursor } from '../../../src/admin/history/operation-cursor';
import { ListOperationsQuery, operationFilterOf, OperationIdQuery, TimeWindowQuery } from '../../../src/admin/history/operations-query.dto';
import { CreateUserBody, UpdateUserBody } from '../../../src/admin/iam/account.dto';
import { queryOf, refuseParameters, validated } from '../../../src/admin/http/validated';

function refusal(run: () => unknown): { parameter?: string; message: string; code: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof AdminError) return { parameter: error.parameter, message: error.message, code: error.code };
    throw error;
  }
  throw new Error('expected a refusal');
}

const listQuery = (url: string) => validated(ListOperationsQuery, queryOf(url), 'parameter');

describe('admin query parameters', () => {
  it('turns every filter of /list-operations into the history filter', () => {
    const query = listQuery(
      '/list-operations?bucket=photos&prefix=2024%2F&operation=GetObject&account=alice&status=4xx&error-code=NoSuchKey' +
        '&from=2025-06-01T00:00:00Z&to=1748822400000&trace-id=0AF7651916CD43DD8448EB211C80319C&limit=5',
    );
    expect(query.limit).toBe(5);
    expect(operationFilterOf(query)).toEqual({
      bucket: 'photos',
      keyPrefix: '2024/',
      operation: 'GetObject',
      accessKey: 'alice',
      status: { min: 400, max: 499 },
      errorCode: 'NoSuchKey',
      from: Date.parse('2025-06-01T00:00:00Z'),
      to: 1748822400000,
      traceId: '0af7651916cd43dd8448eb211c80319c',
    });
    expect(operationFilterOf(listQuery('/x?status=503')).status).toEqual({ min: 503, max: 503 });
  });

  it.each([
    ['limit=0', 'limit', 'limit must be a whole number from 1 to 1000'],
    ['limit=1001', 'limit', 'limit must be a whole number from 1 to 1000'],
    ['limit=ten', 'limit', 'limit must be a whole number from 1 to 1000'],
    ['limit=1.5', 'limit', 'limit must be a whole number from 1 to 1000'],
    ['status=99', 'status', 'status must be an HTTP status such as 404 or a class such as 4xx'],
    ['status=6xx', 'status', 'status must be an HTTP status such as 404 or a class such as 4xx'],
    ['from=yesterday', 'from', 'from must be an ISO-8601 time (2025-06-01T12:00:00Z) or epoch milliseconds'],
    ['to=2025-13-45', 'to', 'to must be an ISO-8601 time (2025-06-01T12:00:00Z) or epoch milliseconds'],
    ['trace-id=xyz', 'trace-id', 'trace-id must be 32 hex digits (the X-Trace-ID header)'],
    ['error-code=No%20Such', 'error-code', 'error-code must be an error code such as NoSuchKey'],
    ['bucket=', 'bucket', 'bucket must be 1 to 255 characters'],
    ['cursor=%2B%2B', 'cursor', 'cursor must be the nextCursor of an earlier page'],
    ['limt=5', 'limt', 'unknown parameter limt'],
    ['limit=5&limit=6', 'limit', 'limit is given more than once'],
  ])('refuses ?%s naming %s', (query, parameter, message) => {
    expect(refusal(() => listQuery(`/list-operations?${query}`))).toEqual({ code: 'InvalidParameter', parameter, message });
  });

  it('reads ids and summary windows', () => {
    expect(validated(OperationIdQuery, queryOf('/get-operation?id=42'), 'parameter').id).toBe(42);
    expect(refusal(() => validated(OperationIdQuery, queryOf('/get-operation'), 'parameter')).parameter).toBe('id');
    expect(refusal(() => validated(OperationIdQuery, queryOf('/get-operation?id=0'), 'parameter')).parameter).toBe('id');
    expect(validated(TimeWindowQuery, queryOf('/operations-summary?from=2025-06-01'), 'parameter').from).toBe(Date.parse('2025-06-01'));
  });

  it('refuses any parameter on routes that take none', () => {
    expect(() => refuseParameters(queryOf('/list-users'))).not.toThrow();
    expect(refusal(() => refuseParameters(queryOf('/list-users?all=1')))).toMatchObject({ parameter: 'all', message: 'unknown parameter all' });
  });
});

describe('admin request bodies', () => {
  it('accepts a valid account and names the first bad field otherwise', () => {
    const body = validated(CreateUserBody, { access: 'alice', secret: 's3cret', role: 'user', userId: 1000 }, 'field');
    expect(body).toMatchObject({ access: 'alice', role: 'user', userId: 1000 });
    expect(refusal(() => validated(CreateUserBody, { access: 'alice', secret: 's', role: 'root' }, 'field'))).toMatchObject({
      parameter: 'role',
      message: 'role must be one of admin, user, userplus',
    });
    expect(refusal(() => validated(CreateUserBody, { secret: 's', role: 'user' }, 'field')).parameter).toBe('access');
    expect(refusal(() => validated(CreateUserBody, { access: 'a', secret: 's', role: 'user', groupId: -1 }, 'field')).parameter).toBe('groupId');
    expect(refusal(() => validated(UpdateUserBody, { userId: '12' }, 'field')).parameter).toBe('userId');
    expect(refusal(() => validated(UpdateUserBody, { Role: 'admin' }, 'field'))).toMatchObject({ parameter: 'Role', message: 'unknown field Role' });
  });
});

describe('cursors', () => {
  it('round-trip a position and refuse anything else, naming cursor', () => {
    const position = { startedAt: 1748779200123, id: 987 };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
    expect(refusal(() => decodeCursor('bm90LWEtY3Vyc29y'))).toMatchObject({ parameter: 'cursor' });
  });
});

describe('isAdminRequest', () => {
  it('is true only for PATCH on an admin path', () => {
    expect(isAdminRequest('PATCH', '/list-operations?limit=5')).toBe(true);
    expect(isAdminRequest('PATCH', '/create-user')).toBe(true);
    expect(isAdminRequest('GET', '/list-users')).toBe(false);
    expect(isAdminRequest('PATCH', '/photos/list-users')).toBe(false);
    expect(isAdminRequest('PATCH', '/list-users/')).toBe(false);
    expect(isAdminRequest(undefined, undefined)).toBe(false);
  });
});
