/** The scenario format as JSON Schema, for editors' completion and validation (committed as sims/scenario.schema.json). */
import { z } from 'zod';
import { scenarioSchema } from './schema.ts';

/** The JSON Schema text, stable (two-space indented, trailing newline) so the committed copy can be compared. */
export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema(), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const document = {
    $schema: schema.$schema,
    title: 'Hyperclimb scenario',
    ...schema,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
