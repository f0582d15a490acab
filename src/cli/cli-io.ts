/**
 * Everything the CLI takes from the process, passed in so tests can run the real program
 * without exiting jest or touching the real environment.
 */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  writeOut(text: string): void;
  writeErr(text: string): void;
  /** Called only to end the process early (usage errors, --help, --version); not on success. */
  exit(code: number): void;
}

export function processIo(): CliIo {
  return {
    env: process.env,
    cwd: process.cwd(),
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
    exit: (code) => process.exit(code),
  };
}

/** Exit code of every usage and configuration error, the BSD/GNU convention for bad usage. */
export const USAGE_EXIT_CODE = 2;
