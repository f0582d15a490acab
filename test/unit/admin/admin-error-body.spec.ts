import { AdminError } from '../../../src/admin/admin-error';
import { adminErrorResponse } from '../../../src/admin/http/admin-error-body';
import { IamError } from '../../../src/iam/iam.port';
import { S3Error } from '../../../src/s3/errors/s3-error';

describe('adminErrorResponse', () => {
  it('names the parameter of an InvalidParameter', () => {
    expect(adminErrorResponse(AdminError.invalidParameter('limit', 'limit must be ...'), 'REQ')).toEqual({
      status: 400,
      body: { error: { code: 'InvalidParameter', message: 'limit must be ...', parameter: 'limit', requestId: 'REQ' } },
    });
  });

  it.each([
    [new IamError('AccountExists', 'account alice already exists'), 409, 'AccountExists'],
    [new IamError('NoSuchAccount', 'account bob does not exist'), 404, 'NoSuchAccount'],
    [new IamError('InvalidAccount', 'the root account ...'), 400, 'InvalidAccount'],
    [new S3Error('AccessDenied'), 403, 'AccessDenied'],
    [new S3Error('SignatureDoesNotMatch'), 403, 'SignatureDoesNotMatch'],
    [new S3Error('NoSuchBucket'), 404, 'NoSuchBucket'],
    [new AdminError('NoSuchOperation', 'no operation 9'), 404, 'NoSuchOperation'],
    [new AdminError('RequestBodyTooLarge', 'too large'), 413, 'RequestBodyTooLarge'],
  ])('answers %p with %i %s', (error, status, code) => {
    const response = adminErrorResponse(error, 'REQ');
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    expect(response.unexpected).toBeUndefined();
  });

  it('hides unexpected failures behind InternalError and hands them back for the log', () => {
    const bug = new TypeError('x is undefined');
    const response = adminErrorResponse(bug, 'REQ');
    expect(response).toMatchObject({ status: 500, body: { error: { code: 'InternalError' } }, unexpected: bug });
    expect(JSON.stringify(response.body)).not.toContain('x is undefined');
    expect(adminErrorResponse(new S3Error('InternalError'), 'REQ').status).toBe(500);
  });
});
