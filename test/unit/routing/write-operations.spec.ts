import { S3_OPERATIONS } from '../../../src/s3/s3-operations';
import { WRITE_OPERATIONS } from '../../../src/s3/write-operations';

// --readonly refuses exactly these: a new operation whose name says it writes must be listed.
describe('WRITE_OPERATIONS', () => {
  const WRITES_BY_NAME = /^(Put|Post|Delete|Create|Complete|Abort|Upload|Copy|Restore)/;

  it.each(S3_OPERATIONS.map((operation) => [operation]))('classifies %s by what it does', (operation) => {
    expect(WRITE_OPERATIONS.has(operation)).toBe(WRITES_BY_NAME.test(operation));
  });
});
