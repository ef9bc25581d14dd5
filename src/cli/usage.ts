/** Problems with how the CLI was called or with its input files: exit code 2, one clear line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
