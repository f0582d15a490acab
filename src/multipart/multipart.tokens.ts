/** DI token of the MultipartJournal (operation handlers record uploads, parts and their ends through it). */
export const MULTIPART_JOURNAL = Symbol('MultipartJournal');

/**
 * DI token of the MultipartRecoveryReports: what the last start-up recovery found, for the admin
 * API (`multipart` endpoint) and `tracegw admin multipart`.
 */
export const MULTIPART_RECOVERY_REPORT = Symbol('MultipartRecoveryReport');
