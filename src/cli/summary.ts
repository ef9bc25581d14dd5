/** The per-cell summary of `hyperclimb run --json` (SCENARIO.md); shared with the page in src/scenario/results.ts. */
export { meanAndSe, summarise, type CellSummary, type RacerSummary } from '../scenario/results.ts';
