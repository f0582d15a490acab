import { BucketChanges } from '../../../src/journal/bucket-changes';
import type { StreamChanges, StreamChangesSeen } from '../../../src/journal/stream-changes';

/** A StreamChanges that answers each poll with the next of `answers` (an Error is thrown): the fake part. */
function scriptedChanges(answers: (StreamChangesSeen | Error)[]): StreamChanges {
  return {
    poll: () => {
      const next = answers.shift() ?? [];
      if (next instanceof Error) throw next;
      return next;
    },
  } as unknown as StreamChanges;
}

describe('BucketChanges: one poll of the buckets’ streams for every cache of bucket configuration', () => {
  it('tells every subscriber what the poll found, says nothing when nothing changed, and stops telling one that unsubscribed', () => {
    const changes = new BucketChanges(scriptedChanges([['photos'], [], ['music', 'photos'], 'all']));
    const first: StreamChangesSeen[] = [];
    const second: StreamChangesSeen[] = [];
    changes.subscribe((changed) => first.push(changed));
    const stop = changes.subscribe((changed) => second.push(changed));
    try {
      changes.poll();
      changes.poll();
      stop();
      changes.poll();
      changes.poll();
      expect(first).toEqual([['photos'], ['music', 'photos'], 'all']);
      expect(second).toEqual([['photos']]);
    } finally {
      changes.close();
    }
  });

  it('counts a poll that fails (the journal closing) as everything changed', () => {
    const changes = new BucketChanges(scriptedChanges([new Error('The database connection is not open')]));
    const told: StreamChangesSeen[] = [];
    changes.subscribe((changed) => told.push(changed));
    try {
      changes.poll();
      expect(told).toEqual(['all']);
    } finally {
      changes.close();
    }
  });

  it('polls on its own every BUCKET_CHANGES_POLL_MS until closed', () => {
    jest.useFakeTimers();
    try {
      const changes = new BucketChanges(scriptedChanges([['a'], ['b'], ['c']]));
      const told: StreamChangesSeen[] = [];
      changes.subscribe((changed) => told.push(changed));
      jest.advanceTimersByTime(250);
      changes.close();
      jest.advanceTimersByTime(1000);
      expect(told).toEqual([['a'], ['b']]);
    } finally {
      jest.useRealTimers();
    }
  });
});
