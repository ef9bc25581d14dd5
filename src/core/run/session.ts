/**
 * A live race for the page: every racer of a scenario cell, over several replicates, advanced together on one clock
 * measured in evaluations, so that a frame shows each racer after the same spending. Replicates share nothing but
 * their specs; replicate 0 is the one the views draw, all of them feed the outcome counts.
 */
import type { Landscape } from '../landscapes/landscape.ts';
import { createLandscape } from './instance.ts';
import { createRun, type Run } from './run.ts';
import { ENDED_AT, type EndedAt, type RunSpec } from './spec.ts';

export type Outcome = EndedAt | 'running';
export const OUTCOMES: readonly Outcome[] = [...ENDED_AT, 'running'];

export class Session {
  readonly landscapes: Landscape[];
  readonly runs: Run[][];
  /** Evaluations every racer has been allowed to spend so far. */
  clock = 0;

  /** The specs the runs were made from (after `adapt`). */
  readonly specs: readonly (readonly RunSpec[])[];

  /**
   * `specs[r][k]` is racer k of replicate r (all replicates list the same racers). `adapt` may change a spec once
   * its replicate's landscape instance exists (the page sets measure cadences from the landscape's gradient cost).
   */
  constructor(specs: readonly (readonly RunSpec[])[], adapt?: (spec: RunSpec, replicate: number, landscape: Landscape) => RunSpec) {
    if (!specs.length || !specs[0].length) throw new Error('a session needs at least one replicate and one racer');
    this.landscapes = specs.map((racers) => createLandscape(racers[0].landscape, racers[0].seed, racers[0].replicate));
    this.specs = adapt ? specs.map((racers, r) => racers.map((spec) => adapt(spec, r, this.landscapes[r]))) : specs;
    this.runs = this.specs.map((racers, r) => racers.map((spec) => createRun(spec, { landscape: this.landscapes[r] })));
  }

  get racerCount(): number {
    return this.specs[0].length;
  }

  /** True when every run of every replicate has ended. */
  get done(): boolean {
    return this.runs.every((racers) => racers.every((run) => run.done));
  }

  /**
   * Lets every racer spend up to `evaluations` more; a run stops short when its next generation would overshoot.
   * `afterGeneration`, if given, sees each run after each of its generations (what a frame's end would blur).
   */
  advance(evaluations: number, afterGeneration?: (replicate: number, racer: number, run: Run) => void): void {
    this.clock += evaluations;
    this.runs.forEach((racers, r) => {
      racers.forEach((run, k) => {
        while (!run.done && run.evaluations < this.clock) {
          run.step(1);
          afterGeneration?.(r, k, run);
        }
      });
    });
  }

  /** Runs everything to its end. */
  finish(): void {
    for (const racers of this.runs) for (const run of racers) run.finish();
    this.clock = Math.max(this.clock, ...this.runs.flat().map((run) => run.evaluations));
  }

  /** For each racer, how many replicates are in each outcome (`running` while unfinished). */
  outcomes(): Record<Outcome, number>[] {
    return this.specs[0].map((_, k) => {
      const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
      for (const racers of this.runs) {
        const run = racers[k];
        counts[run.done ? run.result().endedAt : 'running']++;
      }
      return counts;
    });
  }
}
