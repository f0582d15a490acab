import type { ArgumentsHost } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { AdminExceptionFilter } from '../../../src/admin/http/admin-exception.filter';
import { S3Error } from '../../../src/s3/errors/s3-error';
import { reportServerError } from '../../../src/telemetry/error-reporting';

jest.mock('../../../src/telemetry/error-reporting', () => ({ reportServerError: jest.fn() }));

/** A host whose reply records what was sent, with the request state an admin route has. */
function hostFor(sent: { status?: number; body?: unknown }): ArgumentsHost {
  const reply = {
    sent: false,
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header() {
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
    },
  };
  const request = {
    url: '/list-users',
    raw: { complete: true },
    s3: { requestId: 'REQ9', traceId: 'b'.repeat(32), adminOperation: 'ListUsers' },
  };
  return { switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }) } as unknown as ArgumentsHost;
}

describe('AdminExceptionFilter', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  beforeEach(() => jest.mocked(reportServerError).mockClear());

  it('answers an unexpected failure with a JSON 500 and reports it with the trace id', () => {
    const sent: { status?: number; body?: unknown } = {};
    const failure = new Error('disk on fire');
    new AdminExceptionFilter().catch(failure, hostFor(sent));
    expect(sent.status).toBe(500);
    expect(reportServerError).toHaveBeenCalledWith(failure, {
      traceId: 'b'.repeat(32),
      requestId: 'REQ9',
      operation: 'ListUsers',
      status: 500,
      code: 'InternalError',
    });
  });

  it('does not report what a client caused', () => {
    const sent: { status?: number; body?: unknown } = {};
    new AdminExceptionFilter().catch(new S3Error('AccessDenied'), hostFor(sent));
    expect(sent.status).toBe(403);
    expect(reportServerError).not.toHaveBeenCalled();
  });
});
