/**
 * A problem with an input file that is not about how the command was called (a results file of another run, a
 * malformed or truncated line): exit code 2 and one line naming the file and line, without the usage text.
 */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Runs a command and turns an InputError into its one-line message on stderr and exit code 2. */
export async function reportingInputErrors(stderr: NodeJS.WritableStream, command: () => Promise<number> | number): Promise<number> {
  try {
    return await command();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    stderr.write(`hyperclimb: ${error.message}\n`);
    return 2;
  }
}
