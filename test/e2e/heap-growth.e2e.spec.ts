import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { HEAP_GROWING_PERCENT } from '../../src/heap-growth';

const CHURN = join(__dirname, 'support', 'old-space-churn.js');
// The built module, as dist/main.js and every cluster worker import it first.
const HEAP_GROWTH = join(__dirname, '..', '..', 'dist', 'heap-growth.js');

/** The largest old space (bytes) of a fresh node running the churn, with `nodeArgs` and `first` required before it. */
function largestOldSpace(nodeArgs: string[], first?: string): number {
  const output = execFileSync(process.execPath, [...nodeArgs, CHURN, ...(first === undefined ? [] : [first])], { encoding: 'utf8' });
  return (JSON.parse(output) as { largest: number }).largest;
}

/**
 * The gateway's heap growth, set at run time (v8.setFlagsFromString), bounds what V8 lets the
 * old generation fill with garbage between full GCs, as the command-line flag does; V8's own
 * default lets it grow to about four times what is alive.
 */
describe('the heap growth the built gateway sets where it starts', () => {
  it('keeps the old generation well below what V8 lets it reach by default', () => {
    const unbounded = largestOldSpace([]);
    const bounded = largestOldSpace([], HEAP_GROWTH);
    expect(bounded).toBeLessThan(unbounded * 0.75);
  });

  it('does as much as the same node flag given on the command line', () => {
    const fromTheCommandLine = largestOldSpace([`--heap-growing-percent=${HEAP_GROWING_PERCENT}`]);
    const atRunTime = largestOldSpace([], HEAP_GROWTH);
    expect(atRunTime).toBeLessThan(fromTheCommandLine * 1.25);
  });

  it("leaves an operator's --heap-growing-percent as it is", () => {
    const theOperators = largestOldSpace(['--heap-growing-percent=400'], HEAP_GROWTH);
    const ours = largestOldSpace([], HEAP_GROWTH);
    expect(theOperators).toBeGreaterThan(ours / 0.75);
  });
});
