import type { OperationRecord } from '../../../src/journal/history/operation-record';

/** A plausible history row; tests override what they look at. */
export function sampleRecord(overrides: Partial<OperationRecord> = {}): OperationRecord {
  return {
    traceId: '0af7651916cd43dd8448eb211c80319c',
    requestId: 'R0',
    operation: 'GetObject',
    bucket: 'photos',
    key: '2024/cat.jpg',
    uploadId: null,
    partNumber: null,
    accessKey: 'alice',
    role: 'user',
    clientAddress: '127.0.0.1',
    userAgent: 'aws-cli/2',
    httpStatus: 200,
    errorCode: null,
    bytesIn: 0,
    bytesOut: 4096,
    startedAt: Date.parse('2025-06-01T12:00:00.000Z'),
    durationMs: 1.5,
    authMs: 0.2,
    backendMs: 1.1,
    completed: true,
    ...overrides,
  };
}
