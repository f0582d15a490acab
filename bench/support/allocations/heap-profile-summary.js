// Bytes a sampled heap profile (V8's SamplingHeapProfile) allocated per request: in all, and by
// the function that allocated them, for bench/get-allocations.js.
'use strict';

const where = (node) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/.*node_modules\//, '').replace(/.*\/dist\//, '').replace(/^node:internal\//, 'node:');
  return `${functionName || '(anonymous)'} ${file}${url ? `:${lineNumber + 1}` : ''}`;
};

/** { perRequest, byFunction: Map<where, bytes per request> } of one profile over `requests`. */
function summarize(profile, requests) {
  const bytesOf = new Map();
  for (const sample of profile.samples) bytesOf.set(sample.nodeId, (bytesOf.get(sample.nodeId) ?? 0) + sample.size);
  const byFunction = new Map();
  let total = 0;
  const stack = [profile.head];
  while (stack.length > 0) {
    const node = stack.pop();
    const bytes = bytesOf.get(node.id) ?? 0;
    if (bytes > 0) {
      total += bytes;
      const at = where(node);
      byFunction.set(at, (byFunction.get(at) ?? 0) + bytes / requests);
    }
    stack.push(...node.children);
  }
  return { perRequest: total / requests, byFunction };
}

module.exports = { summarize };
