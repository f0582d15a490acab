import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useAwsCliGateway } from '../support/aws-cli';

const MiB = 1024 * 1024;

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** aws-cli splits anything above its 8 MiB threshold into 8 MiB parts, uploaded by 10 threads. */
describe('aws-cli multipart copy against a real gateway', () => {
  const ctx = useAwsCliGateway({ timeoutMs: 120_000 });
  const aws = ctx.aws;

  it('copies a 100 MiB file in and out; the object is the file, with a 13-part ETag', async () => {
    await aws('s3', 'mb', 's3://cli-mp');
    const source = join(ctx.cli.work, 'hundred.bin');
    await writeFile(source, randomBytes(100 * MiB));
    await aws('s3', 'cp', source, 's3://cli-mp/data/hundred.bin');

    const stored = join(ctx.gw.root, 'cli-mp', 'data', 'hundred.bin');
    expect(await sha256Of(stored)).toBe(await sha256Of(source));
    const head = JSON.parse(await aws('s3api', 'head-object', '--bucket', 'cli-mp', '--key', 'data/hundred.bin')) as { ContentLength: number; ETag: string };
    expect(head.ContentLength).toBe(100 * MiB);
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}-13"$/);

    const back = join(ctx.cli.work, 'back.bin');
    await aws('s3', 'cp', 's3://cli-mp/data/hundred.bin', back);
    expect(await sha256Of(back)).toBe(await sha256Of(source));

    const uploads = JSON.parse((await aws('s3api', 'list-multipart-uploads', '--bucket', 'cli-mp')) || '{}') as { Uploads?: unknown[] };
    expect(uploads.Uploads ?? []).toEqual([]);
    expect(await readdir(join(ctx.gw.root, 'cli-mp', '.sgwtmp', 'multipart'))).toEqual([]);
  });

  it('lists, and aborts, an upload left in flight with s3api', async () => {
    await aws('s3', 'mb', 's3://cli-abort');
    const created = JSON.parse(await aws('s3api', 'create-multipart-upload', '--bucket', 'cli-abort', '--key', 'left/over.bin')) as { UploadId: string };
    const part = join(ctx.cli.work, 'part.bin');
    await writeFile(part, randomBytes(MiB));
    await aws('s3api', 'upload-part', '--bucket', 'cli-abort', '--key', 'left/over.bin', '--upload-id', created.UploadId, '--part-number', '1', '--body', part);

    const listed = JSON.parse(await aws('s3api', 'list-multipart-uploads', '--bucket', 'cli-abort')) as { Uploads: Array<{ Key: string; UploadId: string }> };
    expect(listed.Uploads.map((u) => [u.Key, u.UploadId])).toEqual([['left/over.bin', created.UploadId]]);
    const parts = JSON.parse(await aws('s3api', 'list-parts', '--bucket', 'cli-abort', '--key', 'left/over.bin', '--upload-id', created.UploadId)) as {
      Parts: Array<{ PartNumber: number; Size: number }>;
    };
    expect(parts.Parts.map((p) => [p.PartNumber, p.Size])).toEqual([[1, MiB]]);

    await aws('s3api', 'abort-multipart-upload', '--bucket', 'cli-abort', '--key', 'left/over.bin', '--upload-id', created.UploadId);
    const after = JSON.parse((await aws('s3api', 'list-multipart-uploads', '--bucket', 'cli-abort')) || '{}') as { Uploads?: unknown[] };
    expect(after.Uploads ?? []).toEqual([]);
    await aws('s3', 'rb', 's3://cli-abort');
  });
});
