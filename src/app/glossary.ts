/**
 * The few terms the page cannot avoid, each with a definition a reader with no background can follow. The answer
 * panel and the view tabs show them as tooltips wherever a term appears, so each is defined once, here.
 */
export interface GlossaryEntry {
  readonly term: string;
  /** The forms the term takes in running text (plural, other spellings); matched whole-word, case-insensitively. */
  readonly forms: readonly string[];
  readonly definition: string;
}

export const glossary: readonly GlossaryEntry[] = [
  {
    term: 'dead end',
    forms: ['dead end', 'dead ends'],
    definition: 'A place where every small step leads down or nowhere better, though it is not the top: a climber that only goes up stops there for good. Also called a local optimum.',
  },
  {
    term: 'local optimum',
    forms: ['local optimum', 'local optima', 'local minimum', 'local minima'],
    definition: 'A point better than all its close neighbours but not the best overall: a dead end for a search that only takes small uphill (or, on a loss, downhill) steps.',
  },
  {
    term: 'gradient',
    forms: ['gradient', 'gradient descent'],
    definition: 'The direction in which the landscape rises fastest at a point. Gradient descent takes small steps the other way, downhill on a loss, like water running down a slope.',
  },
  {
    term: 'NK',
    forms: ['NK'],
    definition: 'NK landscapes (Kauffman): N genes, each adding to fitness together with K others. The larger K, the more the genes interfere and the more rugged the landscape.',
  },
  {
    term: 'house of cards',
    forms: ['house of cards', 'house-of-cards'],
    definition: 'A landscape where every combination of genes has its own random fitness, unrelated to its neighbours’: no slope to follow anywhere.',
  },
  {
    term: 'rough Mount Fuji',
    forms: ['rough Mount Fuji'],
    definition: 'One smooth hill up to a single top, with random bumps added everywhere: the slope θ says how steep the hill is against the bumps.',
  },
  {
    term: 'genotype',
    forms: ['genotype', 'genotypes'],
    definition: 'One setting of all the genes: a single point of the landscape.',
  },
  {
    term: 'gene copies',
    forms: ['gene copies', 'copies', 'redundancy', 'redundant'],
    definition: 'Several genes that make the same trait (the trait is their mean): more numbers to evolve, the same traits to reach. map.copies = 8 in a scenario file means 8 genes per trait.',
  },
  {
    term: 'spurious minimum',
    forms: ['spurious minimum', 'spurious minima'],
    definition: 'A bad fit a network’s training cannot leave by small steps: a local optimum of its loss that is not the best fit.',
  },
  {
    term: 'Hessian',
    forms: ['Hessian'],
    definition: 'How sharply the loss curves in every direction. Its top eigenvalue, the sharpness, is the curvature along the most sharply curved direction.',
  },
  {
    term: 'η',
    forms: ['η'],
    definition: 'The learning rate: how long a step gradient descent takes.',
  },
  {
    term: 'Lanczos',
    forms: ['Lanczos'],
    definition: 'A method that finds the sharpest curvature of a loss from a few dozen slope measurements, without writing down the Hessian (for a network, a table of millions of numbers).',
  },
  {
    term: 'replicate',
    forms: ['replicate', 'replicates'],
    definition: 'One repeat of the whole race on its own landscape instance and start, all drawn from the seed. Rates are counted over replicates; the views draw replicate 1.',
  },
  {
    term: 'sweep cell',
    forms: ['sweep cell', 'sweep cells'],
    definition: 'One combination of the settings a scenario varies, say N = 8 with 4 gene copies. A sweep races every cell; the page races one at a time, chosen in the Sweep cell menu.',
  },
  {
    term: 'dimension N',
    forms: ['landscape.dim', 'dimension N'],
    definition: 'The number of genes (or weights) being tuned: how many directions a step can take. landscape.dim is its name in a scenario file.',
  },
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Whole words only: "copies" in "gene copies" counts, "NK" in "NKs" or "gradient" in "gradients" does not. */
const pattern = (form: string) => new RegExp(`(^|[^\\p{L}\\p{N}-])${escape(form)}(?![\\p{L}\\p{N}])`, 'iu');

/** The glossary entry a term names (one of its forms), if it has one. */
export function glossaryEntry(term: string): GlossaryEntry | undefined {
  const wanted = term.toLowerCase();
  return glossary.find((entry) => entry.forms.some((form) => form.toLowerCase() === wanted));
}

/** The entries whose terms appear in `text`, in glossary order. */
export function termsIn(text: string): GlossaryEntry[] {
  return glossary.filter((entry) => entry.forms.some((form) => pattern(form).test(text)));
}

/** A plain-text tooltip: `text`, then a definition of each term it uses. */
export function withDefinitions(text: string): string {
  const terms = termsIn(text);
  return terms.length ? `${text}\n\n${terms.map((entry) => `${entry.term}: ${entry.definition}`).join('\n')}` : text;
}

/**
 * Shows `text` in `element` with the definitions of the terms it uses as the element's tooltip, for the page's
 * sentences that cannot avoid a term (the meter's η, the racers' replicates).
 */
export function showDefined(element: HTMLElement, text: string): void {
  element.textContent = text;
  const terms = termsIn(text);
  element.title = terms.map((entry) => `${entry.term}: ${entry.definition}`).join('\n');
  element.classList.toggle('defined', terms.length > 0);
}
