import { AsyncLocalStorage } from 'node:async_hooks';
import { context, createContextKey, ROOT_CONTEXT } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  forgetRecordedRequestContextManager,
  recordedRequestContextManager,
  recordedRequestEnded,
  runRecorded,
  runUnrecorded,
} from '../../../src/telemetry/recorded-context';

const KEY = createContextKey('probe');
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The AsyncLocalStorage inside OpenTelemetry's manager: whether it is on (its hooks run) or off. */
function storageOf(manager: AsyncLocalStorageContextManager): AsyncLocalStorage<unknown> & { enabled: boolean } {
  return (manager as unknown as { _asyncLocalStorage: AsyncLocalStorage<unknown> & { enabled: boolean } })._asyncLocalStorage;
}

describe('the context manager on only while a recorded request runs', () => {
  let inner: AsyncLocalStorageContextManager;

  beforeEach(() => {
    inner = new AsyncLocalStorageContextManager();
    context.setGlobalContextManager(recordedRequestContextManager(inner).enable());
  });
  afterEach(() => {
    context.disable();
    forgetRecordedRequestContextManager();
  });

  it('carries a recorded request through its awaits, and is off once the last one has ended', async () => {
    const recorded = ROOT_CONTEXT.setValue(KEY, 'a');
    const seen: unknown[] = [];
    const first = runRecorded(recorded, async () => {
      await tick();
      seen.push(context.active().getValue(KEY));
    });
    const second = runRecorded(recorded.setValue(KEY, 'b'), async () => {
      await tick();
      seen.push(context.active().getValue(KEY));
    });
    await Promise.all([first, second]);
    expect(seen).toEqual(['a', 'b']);
    expect(storageOf(inner).enabled).toBe(true);
    recordedRequestEnded();
    expect(storageOf(inner).enabled).toBe(true);
    recordedRequestEnded();
    // Off: no promise hooks for the requests that follow.
    expect(storageOf(inner).enabled).toBe(false);
    expect(context.active()).toBe(ROOT_CONTEXT);
  });

  it('runs an unrecorded request untouched while off, and in the empty context while a recorded one runs', async () => {
    const withSpy = jest.spyOn(inner, 'with');
    expect(runUnrecorded((x: number) => x + 1, 1)).toBe(2);
    expect(withSpy).not.toHaveBeenCalled();

    let inside: unknown = 'unset';
    let outside: unknown = 'unset';
    const recorded = runRecorded(ROOT_CONTEXT.setValue(KEY, 'a'), async () => {
      await tick();
      // Even started from inside a recorded request's context, it sees none.
      await runUnrecorded(async () => {
        await tick();
        outside = context.active().getValue(KEY);
      });
      inside = context.active().getValue(KEY);
    });
    await recorded;
    expect([inside, outside]).toEqual(['a', undefined]);
    recordedRequestEnded();
    expect(storageOf(inner).enabled).toBe(false);
  });
});
