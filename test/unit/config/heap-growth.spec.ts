import { HEAP_GROWING_PERCENT, heapGrowthFlagFor } from '../../../src/heap-growth';

describe('the heap growth set where the gateway starts', () => {
  it('is V8 flag --heap-growing-percent by default', () => {
    expect(heapGrowthFlagFor([])).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
    expect(heapGrowthFlagFor(['--enable-source-maps'])).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  });

  it("leaves an operator's node flag as it is, spelt with dashes or underscores", () => {
    expect(heapGrowthFlagFor(['--heap-growing-percent=300'])).toBeUndefined();
    expect(heapGrowthFlagFor(['--heap_growing_percent=300'])).toBeUndefined();
  });

  it('lets the old generation grow to twice what is alive, not V8\'s four times', () => {
    expect(HEAP_GROWING_PERCENT).toBeLessThanOrEqual(100);
  });
});
