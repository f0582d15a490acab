export { authenticateRequest } from './authenticate-request';
export type { AccountLookup, AuthMethod, AuthOptions, AuthRequest, AuthResult, PayloadMode } from './auth.types';
export type { ChecksumAlgorithm } from './checksum';
