/** The `hyperclimb` command line: run, merge, report, export, analyze, validate, list, schema. Returns the exit code (0 ok, 1 failure, 2 bad input). */
import { parseArgs } from 'node:util';
import { MAX_REPLICATES } from '../core/run/limits.ts';
import { landscapeIds, landscapes } from '../core/landscapes/registry.ts';
import { maps } from '../core/maps/registry.ts';
import { optimizerIds, optimizers, presets } from '../core/optimizers/registry.ts';
import { ScenarioError } from '../scenario/issues.ts';
import { scenarioJsonSchema } from '../scenario/json-schema.ts';
import { defaultWorkers } from '../../workers/node-pool.ts';
import { ANALYZE_USAGE, analyzeFromArgs } from './analyze-command.ts';
import { EYE_USAGE, eyeFromArgs } from './eye-command.ts';
import { mergeFromArgs } from './merge-command.ts';
import { EXPORT_USAGE, exportFromArgs } from './export-command.ts';
import { REPORT_USAGE, reportFromArgs } from './report-command.ts';
import { loadScenario, runCommand } from './run-command.ts';
import { parseShard } from './shard.ts';
import { unknownCommand, usageMessage, UsageError } from './usage.ts';
import { loadModuleFiles } from './user-modules.ts';
import { positiveInteger, workersFromFlag } from './whole-number-flags.ts';

/** Each command's usage, in the order `hyperclimb --help` lists them. */
const COMMAND_USAGE: Record<string, string> = {
  run: `  hyperclimb run FILE [--seed S] [--replicates R] [--workers W] [--shard i/n] [--out results.jsonl] [--json] [--trace]
                 [--save-network net.json [--racer LABEL]]
      Run every racer of a scenario (every sweep cell × replicate). One JSON line per run goes to --out
      (appended; an interrupted run resumes and reruns failed runs; FILE.lock keeps a second writer out);
      --json prints the summary as JSON, otherwise as a table. --trace records each run's improvement trace
      (as measure: {trace: true} does) for report and export.
      --save-network writes the best network of cell 0, replicate 0 (of --racer, else the lowest loss) as JSON
      (an mlp landscape; docs/networks.md, "Saved networks"); landscape.start: {file: net.json} starts from it.
      --shard i/n (1-based, 1 ≤ i ≤ n) runs only slice i of n: replicate task t goes to shard (t mod n) + 1.`,
  merge: `  hyperclimb merge FILE... [--out all.jsonl] [--partial]
      Join the --out files of a run's shards into the lines one unsharded run writes (to stdout or --out);
      checks they are one run, complete and free of conflicts (--partial: merge even if lines are missing).`,
  report: REPORT_USAGE,
  export: EXPORT_USAGE,
  analyze: ANALYZE_USAGE,
  eye: EYE_USAGE,
  validate: `  hyperclimb validate FILE...
      Check scenario files; problems are printed as file:line:column: field: message.`,
  list: `  hyperclimb list [FILE] [--module M]...
      Landscapes, maps, optimizers and presets with their ids; with a scenario FILE (its modules:) or --module
      files of your own, their landscapes and optimizers too, tagged (user).`,
  schema: `  hyperclimb schema
      Print the scenario JSON Schema.`,
};

const EXIT_CODES = `exit codes: 0 done, 1 a run failed or an output file could not be written, 2 bad input,
  3 another process is writing the same --out (FILE.lock names its pid)`;

const USAGE = `usage:
${Object.values(COMMAND_USAGE).join('\n')}
${EXIT_CODES}`;

interface Streams {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

async function run(args: string[], streams: Streams): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      seed: { type: 'string' },
      replicates: { type: 'string' },
      workers: { type: 'string' },
      out: { type: 'string' },
      shard: { type: 'string' },
      json: { type: 'boolean', default: false },
      trace: { type: 'boolean', default: false },
      'save-network': { type: 'string' },
      racer: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('run needs exactly one scenario file');
  return runCommand({
    file: positionals[0],
    seed: values.seed,
    replicates: positiveInteger(values.replicates, '--replicates', MAX_REPLICATES, 'as in a scenario file'),
    workers: workersFromFlag(values.workers) ?? defaultWorkers(),
    out: values.out,
    shard: values.shard === undefined ? undefined : parseShard(values.shard),
    json: values.json ?? false,
    trace: values.trace ?? false,
    saveNetwork: values['save-network'],
    racer: values.racer,
    ...streams,
  });
}

async function validate(files: string[], streams: Streams): Promise<number> {
  if (!files.length) throw new UsageError('validate needs at least one scenario file');
  let failed = 0;
  for (const file of files) {
    try {
      await loadScenario(file, (note) => streams.stderr.write(`note: ${note}\n`));
      streams.stdout.write(`${file}: ok\n`);
    } catch (error) {
      if (!(error instanceof ScenarioError || error instanceof UsageError)) throw error;
      failed++;
      streams.stderr.write(`${error.message}\n`);
    }
  }
  return failed ? 2 : 0;
}

async function list(args: string[], streams: Streams): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { module: { type: 'string', multiple: true } } });
  if (positionals.length > 1) throw new UsageError('list takes at most one scenario file (its modules are listed too)');
  // Registering is what makes a module's ids scenario words; listing them is then the registries' own order.
  if (positionals.length) await loadScenario(positionals[0]);
  await loadModuleFiles(values.module ?? []);
  const user = (builtIn: readonly string[], id: string) => (builtIn.includes(id) ? '' : '(user) ');
  const lines: string[] = ['landscapes:'];
  for (const def of landscapes) lines.push(`  ${def.id.padEnd(18)} ${def.space.padEnd(11)} ${user(landscapeIds, def.id)}${def.summary}`);
  lines.push('maps:');
  for (const def of maps) lines.push(`  ${def.id.padEnd(18)} ${def.summary}`);
  lines.push('optimizers:');
  for (const def of optimizers) lines.push(`  ${def.id.padEnd(18)} ${def.spaces.join('+').padEnd(11)} ${user(optimizerIds, def.id)}${def.summary}`);
  lines.push('presets:');
  for (const p of presets) lines.push(`  ${p.name.padEnd(18)} ${p.optimizer.padEnd(11)} ${p.summary}`);
  streams.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

export async function main(argv: string[], streams: Streams = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const [command, ...rest] = argv;
  const usage = command !== undefined && Object.hasOwn(COMMAND_USAGE, command) ? COMMAND_USAGE[command] : undefined;
  if (usage && (rest.includes('--help') || rest.includes('-h'))) {
    streams.stdout.write(`usage:\n${usage}\n${EXIT_CODES}\n`);
    return 0;
  }
  try {
    switch (command) {
      case 'run':
        return await run(rest, streams);
      case 'merge':
        return await mergeFromArgs(rest, streams);
      case 'report':
        return await reportFromArgs(rest, streams);
      case 'export':
        return await exportFromArgs(rest, streams);
      case 'analyze':
        return await analyzeFromArgs(rest, streams);
      case 'eye':
        return eyeFromArgs(rest, streams);
      case 'validate':
        return await validate(rest, streams);
      case 'list':
        return await list(rest, streams);
      case 'schema':
        streams.stdout.write(scenarioJsonSchema());
        return 0;
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        streams.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(unknownCommand(command, Object.keys(COMMAND_USAGE)));
    }
  } catch (error) {
    if (error instanceof ScenarioError) {
      streams.stderr.write(`${error.message}\n`);
      return 2;
    }
    const usageProblem = usageMessage(error, command, usage);
    if (usageProblem) {
      streams.stderr.write(`hyperclimb: ${usageProblem}\n`);
      return 2;
    }
    streams.stderr.write(`hyperclimb: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
