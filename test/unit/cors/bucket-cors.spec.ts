import { BucketCorsConfigurations } from '../../../src/cors/bucket-cors';
import { BucketChanges } from '../../../src/journal/bucket-changes';
import type { Backend } from '../../../src/backends/backend';
import type { EventStore } from '../../../src/journal/event-store';
import type { NewEvent } from '../../../src/journal/event';

const DOCUMENT = Buffer.from('<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>');

/** A backend holding one bucket's document in memory, counting reads: which parts are fake. */
function fakes() {
  const stored = new Map<string, Buffer | undefined>([['b', DOCUMENT]]);
  let reads = 0;
  const backend = {
    getBucketCors: async ({ bucket }: { bucket: string }) => {
      reads++;
      if (!stored.has(bucket)) throw new Error('NoSuchBucket');
      return stored.get(bucket);
    },
    putBucketCors: async ({ bucket, cors }: { bucket: string; cors: Buffer | undefined }) => void stored.set(bucket, cors),
  } as unknown as Backend;
  const appended: NewEvent[] = [];
  const events = { append: (event: NewEvent) => appended.push(event) } as unknown as EventStore;
  // One process alone on its journal: only its own changes are told.
  const changes = new BucketChanges(undefined);
  let now = 0;
  const cors = new BucketCorsConfigurations(backend, events, changes, { ttlMs: 1000, maxEntries: 2, now: () => now });
  return { cors, changes, stored, appended, reads: () => reads, advance: (ms: number) => (now += ms) };
}

describe('BucketCorsConfigurations: the per-bucket cache of CORS policies', () => {
  it('reads a bucket once within the TTL and keeps the compiled policy when the document is unchanged', async () => {
    const f = fakes();
    const first = await f.cors.policy('b');
    expect(first?.forRequest('https://x.test', 'GET')?.allowOrigin).toBe('*');
    expect(f.cors.peek('b')?.policy).toBe(first);
    expect(f.reads()).toBe(1);
    f.advance(1001);
    expect(f.cors.peek('b')).toBeUndefined();
    expect(await f.cors.policy('b')).toBe(first);
    expect(f.reads()).toBe(2);
  });

  it('forgets on its own change and journals it (the event is what the other workers follow)', async () => {
    const f = fakes();
    await f.cors.policy('b');
    await f.cors.delete('b', 'trace-1');
    expect(f.cors.peek('b')).toBeUndefined();
    expect(await f.cors.policy('b')).toBeUndefined();
    expect(f.appended.map((event) => [event.type, event.streamId, event.traceId])).toEqual([['BucketCorsDeleted', 'bucket:b', 'trace-1']]);
    await f.cors.delete('b', 'trace-2');
    expect(f.appended).toHaveLength(1);
    await f.cors.put('b', DOCUMENT, 'trace-3');
    expect(f.appended.map((event) => event.type)).toEqual(['BucketCorsDeleted', 'BucketCorsPut']);
    expect(await f.cors.policy('b')).toBeDefined();
  });

  it('keeps no entry for a missing bucket, forgets what BucketChanges tells it, and holds at most maxEntries', async () => {
    const f = fakes();
    expect(await f.cors.policy('gone')).toBeUndefined();
    expect(f.cors.peek('gone')).toBeUndefined();
    await f.cors.policy('b');
    f.changes.changedHere('b');
    expect(f.cors.peek('b')).toBeUndefined();
    f.stored.set('c', undefined);
    f.stored.set('d', undefined);
    for (const bucket of ['b', 'c', 'd']) await f.cors.policy(bucket);
    expect([f.cors.peek('b'), f.cors.peek('c') !== undefined, f.cors.peek('d') !== undefined]).toEqual([undefined, true, true]);
  });
});
