import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { CompletedPart } from '../../../src/backends/backend.types';
import { PosixBackend } from '../../../src/backends/posix/posix-backend';
import type { RecordingSpan } from '../../../src/telemetry/recording-span';
import { type SpanRecording, startSpanRecording } from '../../support/span-recording';
import { bodyOf, disposeFixture, type Fixture, meta } from '../posix/support';
import { randomBytes } from 'node:crypto';
import { backendWith, BUCKET, bucketFixture, createUpload, MiB, partsOf, uploadParts, withFailingKernelCopy } from './support';

/**
 * The tracing guide's "CompleteMultipartUpload (Part Assembly)" tree, exactly:
 * Posix.IO.AssembleParts → Posix.IO.CopyPart per part → Posix.IO.FastFileCopy → Posix.IO.CopyFileRange.
 */
describe('part assembly spans', () => {
  let recording: SpanRecording;
  let f: Fixture;
  // As the tracing start-up does when it registers its span recorder.
  beforeAll(() => {
    recording = startSpanRecording();
  });
  afterAll(() => recording.stop());
  beforeEach(async () => {
    f = await bucketFixture();
    recording.exporter.reset();
  });
  afterEach(async () => disposeFixture(f));

  const named = (name: string): ReadableSpan[] => recording.exporter.getFinishedSpans().filter((s) => s.name === name);
  const childrenOf = (parent: ReadableSpan, name: string): ReadableSpan[] =>
    named(name).filter((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId);
  /** Parts are copied two at a time, finishing in any order: CopyPart spans by part number. */
  const copyParts = (): ReadableSpan[] =>
    named('Posix.IO.CopyPart').sort((a, b) => Number(a.attributes['posix.part_number']) - Number(b.attributes['posix.part_number']));
  /** Each part's Posix.IO.CopyFileRange (under its FastFileCopy), by part number. */
  const copyRanges = (): ReadableSpan[] => copyParts().flatMap((copy) => childrenOf(copy, 'Posix.IO.FastFileCopy').flatMap((fast) => childrenOf(fast, 'Posix.IO.CopyFileRange')));

  /**
   * Under a recorded parent, handed to the backend in its input as a request's
   * Backend.CompleteMultipartUpload span is: posix spans are only made below a recorded span (a
   * request the sampler dropped makes none).
   */
  const inRecordedSpan = async <T>(work: (parent: RecordingSpan) => Promise<T>): Promise<T> => {
    const parent = recording.root('Backend.CompleteMultipartUpload');
    try {
      return await work(parent);
    } finally {
      parent.end();
    }
  };

  async function complete(backend: PosixBackend, parts: Buffer[]): Promise<void> {
    const upload = await createUpload(backend, 'traced');
    const listed = await uploadParts(backend, upload, parts);
    recording.exporter.reset();
    await inRecordedSpan((parent) => backend.completeMultipartUpload({ ...upload, parts: listed, trace: parent }));
  }

  it('copy_file_range: one CopyPart per part, each with FastFileCopy → CopyFileRange, and a part_assembled event each', async () => {
    const parts = partsOf(3, 2 * MiB);
    await complete(f.backend, parts);
    const [assemble] = named('Posix.IO.AssembleParts');
    expect(assemble.attributes).toMatchObject({ 'posix.total_parts': 3, 'posix.total_size': 12 * MiB });
    expect(typeof assemble.attributes['posix.duration_ms']).toBe('number');
    expect(assemble.events.map((e) => [e.name, e.attributes])).toEqual([
      ['part_assembled', { current_part: 1, bytes_copied: 5 * MiB }],
      ['part_assembled', { current_part: 2, bytes_copied: 10 * MiB }],
      ['part_assembled', { current_part: 3, bytes_copied: 12 * MiB }],
    ]);
    const copies = copyParts();
    expect(childrenOf(assemble, 'Posix.IO.CopyPart')).toHaveLength(3);
    expect(copies.map((s) => [s.attributes['posix.part_number'], s.attributes['posix.part_size'], s.attributes['posix.copy_method']])).toEqual([
      [1, 5 * MiB, 'copy_file_range'],
      [2, 5 * MiB, 'copy_file_range'],
      [3, 2 * MiB, 'copy_file_range'],
    ]);
    for (const copy of copies) {
      expect(copy.attributes['posix.throughput_mbps']).toBeGreaterThan(0);
      const [fast] = childrenOf(copy, 'Posix.IO.FastFileCopy');
      const [range] = childrenOf(fast, 'Posix.IO.CopyFileRange');
      expect(range.attributes).toMatchObject({ 'posix.bytes_copied': copy.attributes['posix.part_size'], 'posix.used_fallback': false, 'posix.kernel_copy': 'splice' });
    }
  });

  it('posix.kernel_copy names what moved each part: splice into O_DIRECT on the block grid, copy_file_range off it', async () => {
    // Part 2 starts 1 byte past a block boundary, and so does every part after it.
    await complete(f.backend, [randomBytes(5 * MiB + 1), randomBytes(5 * MiB), randomBytes(10)]);
    const ranges = copyRanges().map((s) => s.attributes['posix.kernel_copy']);
    expect(ranges).toEqual(['splice', 'copy_file_range', 'copy_file_range']);
    // Out-of-order completions still report the object growing from its start.
    const [assemble] = named('Posix.IO.AssembleParts');
    expect(assemble.events.map((e) => e.attributes)).toEqual([
      { current_part: 1, bytes_copied: 5 * MiB + 1 },
      { current_part: 2, bytes_copied: 10 * MiB + 1 },
      { current_part: 3, bytes_copied: 10 * MiB + 11 },
    ]);
  });

  it.each([
    ['the kernel copies fail with EXDEV', (b: Fixture) => backendWith(b, {}, withFailingKernelCopy(b.native, 'EXDEV'))],
    ['--disable-copy-file-range', (b: Fixture) => backendWith(b, { useCopyFileRange: false })],
  ])('the user-space fallback (%s): copy_method io_copy_fallback, used_fallback true', async (_label, make) => {
    await complete(make(f), partsOf(2));
    expect(copyParts().map((s) => s.attributes['posix.copy_method'])).toEqual(['io_copy_fallback', 'io_copy_fallback']);
    expect(copyRanges().map((s) => s.attributes['posix.used_fallback'])).toEqual([true, true]);
    expect(copyRanges().map((s) => s.attributes['posix.kernel_copy'])).toEqual([undefined, undefined]);
  });

  it('a full-object checksum: io_copy_with_checksum, every byte through user space', async () => {
    const { uploadId } = await f.backend.createMultipartUpload({ bucket: BUCKET, key: 'sum', metadata: meta(), checksum: { algorithm: 'CRC32C', type: 'FULL_OBJECT' } });
    const upload = { bucket: BUCKET, key: 'sum', uploadId };
    const { Crc32c } = await import('@aws-crypto/crc32c');
    const listed: CompletedPart[] = [];
    for (const [i, data] of partsOf(2).entries()) {
      const digest = Buffer.alloc(4);
      digest.writeUInt32BE(new Crc32c().update(data).digest() >>> 0);
      const value = digest.toString('base64');
      const out = await f.backend.uploadPart({ ...upload, partNumber: i + 1, body: bodyOf(data), contentLength: data.length, checksum: { algorithm: 'CRC32C', value: () => value } });
      listed.push({ partNumber: i + 1, etag: out.etag, checksum: { algorithm: 'CRC32C' as const, value } });
    }
    recording.exporter.reset();
    await inRecordedSpan((parent) => f.backend.completeMultipartUpload({ ...upload, parts: listed, trace: parent }));
    expect(named('Posix.IO.CopyPart').map((s) => s.attributes['posix.copy_method'])).toEqual(['io_copy_with_checksum', 'io_copy_with_checksum']);
    expect(named('Posix.IO.CopyFileRange')).toEqual([]);
  });
});
