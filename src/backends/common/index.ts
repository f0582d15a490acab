export { evaluatePreconditions, type PreconditionTarget } from './preconditions';
export { resolveRange } from './range';
export { etagHeaderMatches, quoteEtag, unquoteEtag } from './etag';
