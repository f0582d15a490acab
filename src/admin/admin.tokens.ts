/** DI tokens of what the admin API reads besides the global ones (backend, IAM store, multipart); GatewayServices provides them. */
export const EVENT_STORE = Symbol('EventStore');
export const OPERATION_HISTORY = Symbol('OperationHistory');
/** The console's sign-in and session checks (ConsoleSessions), shared by its routes and its pages. */
export const CONSOLE_SESSIONS = Symbol('ConsoleSessions');
