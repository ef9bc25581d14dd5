/**
 * The lesson panel: the step's title and Markdown text, "Step 2 of 6", Back and Next, and a question whose answer
 * stays hidden until asked for. It draws what main.ts tells it and reports which step the reader asks for; what a
 * step does to the race is decided in lesson.ts.
 */
import type { LessonStep } from '../scenario/schema.ts';
import { stepLabel } from './lesson.ts';
import { renderMarkdown } from './markdown.ts';

export class LessonPanel {
  constructor(
    private readonly root: HTMLElement,
    /** The reader asks for step `index` (already kept inside the lesson). */
    private readonly onStep: (index: number) => void,
  ) {
    this.part<HTMLButtonElement>('#lesson-back').addEventListener('click', () => this.onStep(this.index - 1));
    this.part<HTMLButtonElement>('#lesson-next').addEventListener('click', () => this.onStep(this.index + 1));
    const reveal = this.part<HTMLButtonElement>('#lesson-reveal');
    reveal.addEventListener('click', () => {
      const answer = this.part('#lesson-answer');
      answer.hidden = !answer.hidden;
      reveal.textContent = answer.hidden ? 'Show answer' : 'Hide answer';
      reveal.setAttribute('aria-expanded', String(!answer.hidden));
    });
  }

  private index = 0;
  private count = 0;

  private part<T extends HTMLElement = HTMLElement>(selector: string): T {
    const element = this.root.querySelector<T>(selector);
    if (!element) throw new Error(`the lesson panel lacks ${selector}`);
    return element;
  }

  /** Draws step `index` of `steps`, or hides the panel when there is no lesson. */
  show(steps: readonly LessonStep[] | undefined, index: number): void {
    this.root.hidden = !steps?.length;
    if (!steps?.length) return;
    const changed = index !== this.index || steps.length !== this.count;
    this.index = index;
    this.count = steps.length;
    const step = steps[index];
    this.part('#lesson-count').textContent = stepLabel(index, steps.length);
    this.part('#lesson-title').textContent = step.title;
    this.part('#lesson-text').innerHTML = renderMarkdown(step.text ?? '');
    this.part('#lesson-question').hidden = step.question === undefined;
    this.part('#lesson-question-text').innerHTML = renderMarkdown(step.question ?? '');
    const answer = this.part('#lesson-answer');
    answer.innerHTML = renderMarkdown(step.answer ?? '');
    const reveal = this.part<HTMLButtonElement>('#lesson-reveal');
    reveal.hidden = step.answer === undefined;
    // A new step starts with its answer hidden; a redraw of the same step (a knob moved) keeps what the reader opened.
    if (changed) {
      answer.hidden = true;
      reveal.textContent = 'Show answer';
      reveal.setAttribute('aria-expanded', 'false');
      // A new step is read from its heading: scroll the panel back up if the reader had scrolled to Next.
      const panel = this.root.parentElement;
      if (panel) panel.scrollTop = Math.max(0, this.root.offsetTop - panel.offsetTop - 8);
    }
    this.part<HTMLButtonElement>('#lesson-back').disabled = index === 0;
    const next = this.part<HTMLButtonElement>('#lesson-next');
    next.disabled = index === steps.length - 1;
    next.textContent = index === steps.length - 1 ? 'The end' : 'Next →';
  }
}
