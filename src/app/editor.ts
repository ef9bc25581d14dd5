/**
 * The scenario editor: a plain text area with line numbers, validated as you type. Problems are listed with their
 * line and column and marked in the gutter; clicking one moves the cursor there. Valid text is handed on after a
 * short pause, invalid text never is, so a half-typed file cannot break the running race.
 */
import type { ScenarioIssue } from '../scenario/issues.ts';

export class ScenarioEditor {
  readonly element: HTMLElement;
  private readonly area: HTMLTextAreaElement;
  private readonly gutter: HTMLElement;
  private readonly problems: HTMLElement;
  private timer?: ReturnType<typeof setTimeout>;
  private issues: readonly ScenarioIssue[] = [];
  /** Counts validations, so that an answer for text typed over since is dropped. */
  private checks = 0;

  /** `check` validates text (in the worker) and returns its issues (empty when valid); `onChange` receives valid text. */
  constructor(
    private readonly check: (text: string) => Promise<readonly ScenarioIssue[]>,
    private readonly onChange: (text: string) => void,
  ) {
    this.element = document.createElement('div');
    this.element.className = 'editor';
    this.element.innerHTML = `
      <div class="editor-body">
        <div class="editor-gutter" aria-hidden="true"></div>
        <textarea spellcheck="false" autocapitalize="off" autocomplete="off" aria-label="Scenario (YAML)" wrap="off"></textarea>
      </div>
      <ol class="editor-problems" aria-live="polite" aria-label="Problems in the scenario"></ol>`;
    this.area = this.element.querySelector('textarea')!;
    this.gutter = this.element.querySelector('.editor-gutter')!;
    this.problems = this.element.querySelector('.editor-problems')!;
    this.area.addEventListener('input', () => {
      this.renderGutter();
      clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.validate(true), 350);
    });
    this.area.addEventListener('scroll', () => (this.gutter.scrollTop = this.area.scrollTop));
    this.area.addEventListener('keydown', (event) => {
      // Tab inserts two spaces: YAML forbids tabs for indentation.
      if (event.key === 'Tab' && !event.shiftKey) {
        event.preventDefault();
        this.area.setRangeText('  ', this.area.selectionStart, this.area.selectionEnd, 'end');
        this.area.dispatchEvent(new Event('input'));
      }
    });
  }

  get text(): string {
    return this.area.value;
  }

  /** Replaces the text (from a file, a link or a knob) without handing it back. */
  setText(text: string, issues: readonly ScenarioIssue[] = []): void {
    this.checks++;
    if (this.area.value !== text) this.area.value = text;
    this.issues = issues;
    this.renderGutter();
    this.renderProblems();
  }

  private async validate(handOn: boolean): Promise<void> {
    const text = this.area.value;
    const id = ++this.checks;
    let issues: readonly ScenarioIssue[];
    try {
      issues = await this.check(text);
    } catch (error) {
      issues = [{ file: '', line: 1, column: 1, path: '', message: `could not be checked: ${(error as Error).message}` }];
    }
    if (id !== this.checks || text !== this.area.value) return;
    this.issues = issues;
    this.renderGutter();
    this.renderProblems();
    if (handOn && this.issues.length === 0) this.onChange(this.area.value);
  }

  private renderGutter(): void {
    const lines = this.area.value.split('\n').length;
    const bad = new Set(this.issues.map((i) => i.line));
    let html = '';
    for (let line = 1; line <= lines; line++) html += `<div${bad.has(line) ? ' class="bad" title="problem on this line"' : ''}>${line}</div>`;
    this.gutter.innerHTML = html;
    this.gutter.scrollTop = this.area.scrollTop;
  }

  private renderProblems(): void {
    this.problems.replaceChildren(
      ...this.issues.map((issue) => {
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'problem';
        button.textContent = `line ${issue.line}, column ${issue.column}: ${issue.path ? `${issue.path}: ` : ''}${issue.message}`;
        button.addEventListener('click', () => this.goTo(issue.line, issue.column));
        item.append(button);
        return item;
      }),
    );
    this.element.classList.toggle('has-problems', this.issues.length > 0);
  }

  /** Puts the cursor at a line and column and scrolls it into view. */
  goTo(line: number, column: number): void {
    const lines = this.area.value.split('\n');
    let offset = 0;
    for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
    offset += Math.max(0, column - 1);
    this.area.focus();
    this.area.setSelectionRange(offset, offset);
    const lineHeight = parseFloat(getComputedStyle(this.area).lineHeight) || 18;
    this.area.scrollTop = Math.max(0, (line - 4) * lineHeight);
  }
}
