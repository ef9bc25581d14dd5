/**
 * A scenario file's name without its extension: what the page names the files it derives from a scenario
 * (walks.yaml → walks-network.json, walks-trace.csv, walks.results.jsonl, walks.png).
 */
export function scenarioStem(file: string): string {
  return file.replace(/\.(ya?ml|json)$/i, '');
}
