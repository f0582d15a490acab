import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what the last full GC found alive, set where the
 * gateway starts (main.ts, and every cluster worker) before it serves anything.
 *
 * V8 sizes the next old-generation limit as live bytes × a factor it picks from its GC and mutator
 * speeds, up to 4× on a machine with gigabytes of memory. A gateway's old generation is about
 * 25 MiB alive, and under load it fills with request garbage that outlived two scavenges (a
 * 1,000-key listing holds its entries, summaries and XML for the ~100 ms it is in flight, longer
 * than a 16 MiB semi-space lasts at that allocation rate): with 4× it reached 100-115 MiB of old
 * space before each mark-compact, and the gateway 240-260 MiB resident on the ListObjectsV2 row.
 * A factor of 2 keeps it near 50 MiB; measured on this project's machine (docs/performance.md,
 * "Memory"), lists/s, GET and PUT 4 KiB stayed within the noise, while 1.5 cost PUT and List a
 * tenth and a smaller young generation (--max-semi-space-size=4) cost them a third.
 *
 * V8 reads the flag each time it computes a limit, so setting it at run time works as the
 * command-line flag does. An operator's own `node --heap-growing-percent=N` is left as it is.
 */
export const HEAP_GROWING_PERCENT = 100;

const FLAG = '--heap-growing-percent';

/** The V8 flag to set, or undefined where node was started with one already. */
export function heapGrowthFlagFor(execArgv: readonly string[]): string | undefined {
  // V8 takes its flags with dashes or underscores alike.
  const given = execArgv.some((arg) => arg.replace(/_/g, '-').startsWith(FLAG));
  return given ? undefined : `${FLAG}=${HEAP_GROWING_PERCENT}`;
}

const flag = heapGrowthFlagFor(process.execArgv);
if (flag !== undefined) setFlagsFromString(flag);
