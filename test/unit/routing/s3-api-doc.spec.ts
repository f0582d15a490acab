import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildRouteTable } from '../../../src/s3/http/routes/route-table';
import { S3_OPERATIONS } from '../../../src/s3/s3-operations';

// docs/s3-api.md tells users what works: it must name exactly what the route table serves.
describe('docs/s3-api.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 's3-api.md'), 'utf8');
  const section = (title: string): string => doc.split(/^## /m).find((part) => part.startsWith(title)) ?? '';
  const namesIn = (text: string): string[] => [...text.matchAll(/`([A-Z][A-Za-z0-9]+)`/g)].map((m) => m[1]).filter((name) => (S3_OPERATIONS as readonly string[]).includes(name));
  const implemented = [...buildRouteTable({ region: 'us-east-1' }).keys()];

  it('lists as supported exactly the operations the route table serves', () => {
    const supported = namesIn(section('Supported').split('\n').filter((line) => line.startsWith('| `')).map((line) => line.split('|')[1]).join(' '));
    expect([...new Set(supported)].sort()).toEqual([...implemented].sort());
  });

  it('lists every other known operation as NotImplemented', () => {
    const notImplemented = namesIn(section('Answered with `NotImplemented`'));
    expect([...new Set(notImplemented)].sort()).toEqual(S3_OPERATIONS.filter((op) => !implemented.includes(op)).sort());
  });
});
