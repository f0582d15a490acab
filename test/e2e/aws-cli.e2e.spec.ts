import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { useAwsCliGateway } from './support/aws-cli';

const run = promisify(execFile);

/** aws-cli (installed by .ci/run when the machine lacks it) against a real gateway. */
describe('aws-cli against a real gateway', () => {
  const ctx = useAwsCliGateway();
  const aws = ctx.aws;

  it('makes a bucket, copies a file in and out, lists and removes it', async () => {
    await aws('s3', 'mb', 's3://cli-bucket');
    const source = join(ctx.cli.work, 'report.csv');
    await writeFile(source, 'id,value\n1,42\n');
    await aws('s3', 'cp', source, 's3://cli-bucket/reports/2024/report.csv');
    expect(await readFile(join(ctx.gw.root, 'cli-bucket', 'reports', '2024', 'report.csv'), 'utf8')).toBe('id,value\n1,42\n');

    const listing = await aws('s3', 'ls', 's3://cli-bucket', '--recursive');
    expect(listing).toContain('reports/2024/report.csv');

    const back = join(ctx.cli.work, 'back.csv');
    await aws('s3', 'cp', 's3://cli-bucket/reports/2024/report.csv', back);
    expect(await readFile(back, 'utf8')).toBe('id,value\n1,42\n');

    const head = JSON.parse(await aws('s3api', 'head-object', '--bucket', 'cli-bucket', '--key', 'reports/2024/report.csv')) as { ContentLength: number };
    expect(head.ContentLength).toBe(14);

    await aws('s3', 'rm', 's3://cli-bucket/reports/2024/report.csv');
    await aws('s3', 'rb', 's3://cli-bucket');
    expect(await aws('s3', 'ls')).not.toContain('cli-bucket');
  });

  it('syncs a directory tree', async () => {
    await aws('s3', 'mb', 's3://sync-bucket');
    const tree = join(ctx.cli.work, 'tree');
    await run('mkdir', ['-p', join(tree, 'a', 'b')]);
    await writeFile(join(tree, 'top.txt'), 'top');
    await writeFile(join(tree, 'a', 'b', 'deep.txt'), 'deep');
    await aws('s3', 'sync', tree, 's3://sync-bucket/tree');
    expect(await readFile(join(ctx.gw.root, 'sync-bucket', 'tree', 'a', 'b', 'deep.txt'), 'utf8')).toBe('deep');
    await aws('s3', 'rb', 's3://sync-bucket', '--force');
  });

  it('copies and moves objects inside the gateway (CopyObject)', async () => {
    await aws('s3', 'mb', 's3://copy-bucket');
    const file = join(ctx.cli.work, 'orig.txt');
    await writeFile(file, 'original');
    await aws('s3', 'cp', file, 's3://copy-bucket/orig.txt');
    await aws('s3', 'cp', 's3://copy-bucket/orig.txt', 's3://copy-bucket/copies/copy.txt');
    await aws('s3', 'mv', 's3://copy-bucket/copies/copy.txt', 's3://copy-bucket/moved.txt');
    expect(await readFile(join(ctx.gw.root, 'copy-bucket', 'moved.txt'), 'utf8')).toBe('original');
    expect((await aws('s3', 'ls', 's3://copy-bucket', '--recursive')).split('\n').filter(Boolean).map((line) => line.split(/\s+/).pop())).toEqual(['moved.txt', 'orig.txt']);
    await aws('s3', 'rb', 's3://copy-bucket', '--force');
  });

  it('deletes several objects in one request (s3api delete-objects)', async () => {
    await aws('s3', 'mb', 's3://batch-bucket');
    const file = join(ctx.cli.work, 'one.txt');
    await writeFile(file, 'one');
    for (const key of ['x/1.txt', 'x/2.txt', 'y.txt']) await aws('s3', 'cp', file, `s3://batch-bucket/${key}`);
    const out = JSON.parse(
      await aws('s3api', 'delete-objects', '--bucket', 'batch-bucket', '--delete', JSON.stringify({ Objects: [{ Key: 'x/1.txt' }, { Key: 'x/2.txt' }, { Key: 'y.txt' }] })),
    ) as { Deleted: Array<{ Key: string }> };
    expect(out.Deleted.map((d) => d.Key)).toEqual(['x/1.txt', 'x/2.txt', 'y.txt']);
    expect(await aws('s3', 'ls', 's3://batch-bucket', '--recursive')).toBe('');
    await aws('s3', 'rb', 's3://batch-bucket');
  });
});
