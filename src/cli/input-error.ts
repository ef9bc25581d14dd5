/**
 * A problem with an input file that is not about how the command was called (a results file of another run, a
 * malformed or truncated line): exit code 2 and one line naming the file and line, without the usage text.
 */
export class InputError extends Error {
  readonly exitCode: number = 2;

  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * Writing an output file failed (disk full, read-only, no permission): exit code 1 and one line that names the file,
 * what happened and what the file still holds.
 */
export class OutputError extends InputError {
  override readonly exitCode = 1;

  constructor(message: string) {
    super(message);
    this.name = 'OutputError';
  }
}

/** Another process is writing the same --out file (its lock is held): exit code 3, so a script can wait and retry. */
export class OutputBusyError extends InputError {
  override readonly exitCode = 3;

  constructor(message: string) {
    super(message);
    this.name = 'OutputBusyError';
  }
}

/** Runs a command and turns an InputError (or one of its kinds) into its one-line message on stderr and exit code. */
export async function reportingInputErrors(stderr: NodeJS.WritableStream, command: () => Promise<number> | number): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    stderr.write(`hyperclimb: ${error.message}\n`);
    return error.exitCode;
  }
}
