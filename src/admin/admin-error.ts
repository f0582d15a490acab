/** Errors only the admin API answers with; authentication errors are S3's own (S3Error). */
export const ADMIN_ERRORS = {
  InvalidParameter: 400,
  MalformedJSON: 400,
  RequestBodyTooLarge: 413,
  NoSuchOperation: 404,
  NotFound: 404,
  // The console's session (docs/console.md): sign in again, or reload the page for a new CSRF token.
  ConsoleSessionExpired: 401,
  InvalidConsoleSession: 401,
  InvalidCsrfToken: 403,
} as const;

export type AdminErrorCode = keyof typeof ADMIN_ERRORS;

export class AdminError extends Error {
  readonly status: number;

  constructor(
    readonly code: AdminErrorCode,
    message: string,
    /** The query parameter or body field at fault, for InvalidParameter. */
    readonly parameter?: string,
  ) {
    super(message);
    this.name = 'AdminError';
    this.status = ADMIN_ERRORS[code];
  }

  static invalidParameter(parameter: string, message: string): AdminError {
    return new AdminError('InvalidParameter', message, parameter);
  }
}
