/**
 * The answer panel on the first screen: the question answered both ways, one plain line per case, each with a
 * button that opens the experiment showing it, and glossary tooltips on its terms. It shows at load until the reader
 * closes it; that choice is remembered in this browser, and the header's button brings the panel back.
 */
import { answer, answerParts, type AnswerLine } from './answer.ts';
import { glossaryEntry } from './glossary.ts';
import { library } from './library.ts';

/** localStorage key: set once the reader has closed the panel. */
export const ANSWER_CLOSED_KEY = 'hyperclimb.answer-closed';

/** localStorage can be missing or refuse (private modes, file: pages); the panel then simply shows at every load. */
function remembered(): boolean {
  try {
    return localStorage.getItem(ANSWER_CLOSED_KEY) === '1';
  } catch {
    return false;
  }
}
function remember(closed: boolean): void {
  try {
    if (closed) localStorage.setItem(ANSWER_CLOSED_KEY, '1');
    else localStorage.removeItem(ANSWER_CLOSED_KEY);
  } catch {
    // Not remembered: the panel shows again next time, which loses nothing.
  }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

/** Text with its glossary terms as focusable spans whose tooltip (title, and the accessible description) defines them. */
function withTerms(text: string): Node[] {
  return answerParts(text).map((part) => {
    if (typeof part === 'string') return document.createTextNode(part);
    const entry = glossaryEntry(part.term);
    if (!entry) throw new Error(`the glossary has no “${part.term}”`);
    const term = element('dfn', 'term', part.shown);
    term.title = `${entry.term}: ${entry.definition}`;
    term.tabIndex = 0;
    return term;
  });
}

export class AnswerPanel {
  constructor(
    private readonly root: HTMLElement,
    private readonly toggle: HTMLButtonElement,
    /** The reader asks for the experiment behind a line. */
    open: (line: AnswerLine) => void,
  ) {
    const close = element('button', 'answer-close', '×');
    close.type = 'button';
    close.title = 'Close (the “Answer” button above brings it back)';
    close.setAttribute('aria-label', 'Close the answer');
    close.addEventListener('click', () => this.show(false, true));
    const question = element('p', 'answer-question');
    question.id = 'answer-question';
    question.append(...withTerms(answer.question));
    const sides = answer.sides.map((side, k) => {
      const column = element('section', 'answer-side');
      column.dataset.side = k === 0 ? 'helps' : 'does-not';
      const heading = element('h2', undefined, side.heading);
      const list = element('ul');
      for (const line of side.lines) {
        const entry = library.find((e) => e.file === line.file);
        if (!entry) throw new Error(`the answer names ${line.file}, which sims/ does not have`);
        const item = element('li');
        const go = element('button', 'answer-open', 'See it');
        go.type = 'button';
        go.title = `Open “${entry.title}” (${line.file})${line.step !== undefined ? `, its lesson at step ${line.step + 1}` : ''}`;
        go.addEventListener('click', () => {
          // Out of the way of the experiment, for now; only the close button is remembered.
          this.show(false, false);
          open(line);
        });
        const text = element('span', 'answer-text');
        text.append(...withTerms(line.text));
        item.append(text, go);
        list.append(item);
      }
      column.append(heading, list);
      return column;
    });
    const body = element('div', 'answer-sides');
    body.append(...sides);
    root.append(close, question, body);
    root.setAttribute('aria-labelledby', question.id);
    toggle.setAttribute('aria-controls', root.id);
    toggle.addEventListener('click', () => this.show(root.hidden, true));
    this.show(!remembered(), false);
  }

  get visible(): boolean {
    return !this.root.hidden;
  }

  /** Shows or hides the panel; `rememberIt` keeps the choice for this browser's next visits. */
  show(on: boolean, rememberIt: boolean): void {
    this.root.hidden = !on;
    this.toggle.setAttribute('aria-expanded', String(on));
    if (rememberIt) remember(!on);
  }
}
