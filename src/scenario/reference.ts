/** The scenario vocabulary as Markdown tables, generated from the registries so the docs cannot drift from the code. */
import { z } from 'zod';
import { landscapes } from '../core/landscapes/registry.ts';
import { maps } from '../core/maps/registry.ts';
import { optimizers, presets } from '../core/optimizers/registry.ts';

function fieldRows(shape: Record<string, z.ZodType>): string[] {
  return Object.entries(shape).map(([name, schema]) => {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    const type = Array.isArray(json.enum) ? (json.enum as unknown[]).join(' \\| ') : String(json.type ?? '');
    const limits = [json.minimum !== undefined ? `≥ ${json.minimum}` : '', json.exclusiveMinimum !== undefined ? `> ${json.exclusiveMinimum}` : '', json.maximum !== undefined && Number(json.maximum) < 1e15 ? `≤ ${json.maximum}` : '']
      .filter(Boolean)
      .join(', ');
    const defaultValue = json.default !== undefined ? `default ${JSON.stringify(json.default)}. ` : '';
    return `| \`${name}\` | ${type}${limits ? ` (${limits})` : ''} | ${defaultValue}${schema.description ?? ''} |`;
  });
}

function table(shape: Record<string, z.ZodType>): string {
  const rows = fieldRows(shape);
  return rows.length ? ['| field | type | meaning |', '|---|---|---|', ...rows].join('\n') : '_No fields of its own._';
}

export function referenceMarkdown(): string {
  const out: string[] = [
    '# Scenario reference',
    '',
    'Generated from the registries by `npm run reference`; do not edit by hand. The science behind each entry is in',
    '[landscapes.md](landscapes.md) and [optimizers.md](optimizers.md); the file format in [../sims/README.md](../sims/README.md).',
    '',
    '## Landscapes (`landscape:`)',
    '',
    'Every landscape takes `id` and `dim` (N) plus the fields below. A continuous landscape with a box also takes',
    '`bounds`, what its fitness is outside the box: `none` (its own), `clip` (the nearest point of the box), `reflect`',
    '(the mirror image in the box) or `penalty` (the nearest point’s, less the squared distance); the default is given',
    'beside the box ([landscapes.md](landscapes.md#bounds)).',
  ];
  for (const def of landscapes) {
    const box = def.box ? `, box [${def.box[0]}, ${def.box[1]}]ᴺ, bounds ${def.bounds ?? 'none'}` : '';
    out.push('', `### \`${def.id}\` — ${def.title} (${def.space}${box}, N ≥ ${def.minDim})`, '', def.summary, '', table(def.params.shape));
  }
  out.push('', '## Maps (`map:`)', '');
  for (const def of maps) out.push(`### \`${def.id}\` — ${def.title}`, '', def.summary, '', table(def.params.shape), '');
  out.push('## Optimizers (`optimizers:`)', '', 'Every racer takes `id`, an optional `label` (unique) and an optional `preset`, plus the fields below;', 'omitted fields take the defaults given (some depend on N).');
  for (const def of optimizers) {
    const traits = [def.spaces.join(' and '), def.needsGradient ? 'uses gradients' : 'fitness only', def.escapesDeadEnds ? 'can leave dead ends' : 'stops at dead ends'];
    out.push('', `### \`${def.id}\` — ${def.title} (${traits.join('; ')})`, '', def.summary, '', table(def.params.shape));
  }
  out.push('', '## Presets (`preset:`)', '', '| preset | optimizer | fields | meaning |', '|---|---|---|---|');
  for (const p of presets) out.push(`| \`${p.name}\` | \`${p.optimizer}\` | \`${JSON.stringify(p.params)}\` | ${p.summary} |`);
  return `${out.join('\n')}\n`;
}
