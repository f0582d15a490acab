import { newRequestState } from '../../../src/request/request-state';

describe('newRequestState', () => {
  it('has every field from arrival, in one order, so every request state keeps one shape', () => {
    const a = newRequestState('r1', 't1', 1n);
    const b = newRequestState('r2', 't2', 2n);
    const fields = ['requestId', 'traceId', 'startedAt', 'target', 'operation', 'auth', 'context', 'adminOperation', 'rootSpan', 'errorCode'];
    expect(Object.keys(a)).toEqual(fields);
    expect(Object.keys(b)).toEqual(fields);
    expect(a).toMatchObject({ requestId: 'r1', traceId: 't1', startedAt: 1n, operation: undefined });
  });
});
