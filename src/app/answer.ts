/**
 * The page's answer to its question, both ways, as README.md's "The answer, both ways" gives it: one plain line per
 * case, each naming the sims/ scenario that shows it (and the lesson step, where a lesson step shows it best).
 * The lines say no more than README's and quote no figures: the experiment one click away shows them.
 * A term in [[…]] (or [[shown text|term]]) is explained by the glossary (src/app/glossary.ts).
 */
export interface AnswerLine {
  readonly text: string;
  /** The sims/ file that shows it. */
  readonly file: string;
  /** The step of that file's lesson to open at (0-based); its first step, or no lesson, when absent. */
  readonly step?: number;
  /** That step's title, so a reordered lesson fails tests/answer.test.ts instead of opening the wrong step. */
  readonly stepTitle?: string;
}

export interface AnswerSide {
  readonly heading: string;
  readonly lines: readonly AnswerLine[];
}

export const answer: { readonly question: string; readonly sides: readonly [AnswerSide, AnswerSide] } = {
  question: 'Do more dimensions and more redundancy remove [[dead ends]]? On some landscapes, not on others.',
  sides: [
    {
      heading: 'Where they help',
      lines: [
        { text: 'When fitness is pure chance ([[house of cards]]), adding genes makes [[dead ends]] rarer.', file: 'house-of-cards-vs-n.yaml' },
        { text: 'With a steady slope under the bumps ([[rough Mount Fuji]]), adding genes makes an uphill road to the top more likely.', file: 'rough-mount-fuji-vs-n.yaml' },
        { text: 'A network with one or two spare units no longer gets stuck at a bad fit ([[spurious minima]]).', file: 'spurious-minima.yaml' },
      ],
    },
    {
      heading: 'Where they do not',
      lines: [
        { text: 'When each gene has two valleys of its own, [[gradient descent]] ends in a [[dead end]] more often the more genes there are, and [[gene copies]] change nothing.', file: 'dimension-vs-dead-ends.yaml' },
        { text: 'Fewer [[dead ends]] is not an easier climb: with more genes, a climber reaches the top less often.', file: 'house-of-cards-vs-n.yaml' },
        { text: 'On the eye, eight [[gene copies]] per trait make evolution reach the best eye less often.', file: 'eye.yaml', step: 6, stepTitle: 'More dimensions, redundant genes — what changes?' },
      ],
    },
  ],
};

export type AnswerPart = string | { readonly shown: string; readonly term: string };

/** A line's text split into plain text and glossary terms. */
export function answerParts(text: string): AnswerPart[] {
  return text.split(/(\[\[[^\]]+\]\])/).filter(Boolean).map((part) => {
    const marked = /^\[\[([^|\]]+)(?:\|([^\]]+))?\]\]$/.exec(part);
    return marked ? { shown: marked[1], term: marked[2] ?? marked[1] } : part;
  });
}

/** A line as the reader reads it, without the markers. */
export const plainText = (text: string) => answerParts(text).map((part) => (typeof part === 'string' ? part : part.shown)).join('');
