/**
 * Problems with how the CLI was called, as one line that says what is wrong and where to look: a typo'd command or
 * option gets a did-you-mean, Node's own parseArgs messages are put in the command's words, and the usage text is
 * left to `--help` (thirty lines of it hid the one that mattered).
 */
import { didYouMean } from '../scenario/issues.ts';

/** Problems with how the CLI was called or with its input files: exit code 2, one clear line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function unknownCommand(command: string, commands: readonly string[]): string {
  return `unknown command '${command}'${didYouMean(command, commands)}; commands: ${commands.join(', ')} (hyperclimb --help describes them)`;
}

/** The options a command's usage text names (`--seed`, `--out`, …), for did-you-mean. */
function optionsOf(usage: string): string[] {
  return [...new Set([...usage.matchAll(/--[a-z][a-z-]*/g)].map((match) => match[0]))];
}

/**
 * The one-line message for a usage problem of `command` (a UsageError, or an error of node:util's parseArgs), or
 * undefined for any other error.
 */
export function usageMessage(error: unknown, command: string | undefined, usage: string | undefined): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  const help = usage ? `hyperclimb ${command} --help` : 'hyperclimb --help';
  if (error instanceof UsageError) return usage ? `${error.message} (${help} for the options)` : error.message;
  if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS')) return undefined;
  const message = (error as Error).message;
  const quoted = /'([^' ]+)/.exec(message)?.[1] ?? '';
  const options = usage ? optionsOf(usage) : [];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${command} has no option '${quoted}'${didYouMean(quoted, options)}; its options: ${options.join(', ') || 'none'} (${help})`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing/.test(message)
        ? `${quoted} needs a value (${help})`
        : `${quoted} takes no value: it is on when given (${help})`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `${command} takes no argument '${quoted}' (${help})`;
    default:
      return `${command}: ${message.split('. ')[0]} (${help})`;
  }
}
