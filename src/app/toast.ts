/** Short messages for the reader: what happened, what went wrong. Announced to screen readers. */
export class Toast {
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly element: HTMLElement) {}

  show(message: string, kind: 'info' | 'error' = 'info', ms = kind === 'error' ? 8000 : 3000): void {
    this.element.textContent = message;
    this.element.dataset.kind = kind;
    this.element.hidden = false;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (this.element.hidden = true), ms);
  }

  /** Whether no message is showing. */
  get idle(): boolean {
    return this.element.hidden;
  }

  /** Hides the toast if it still shows `message` (a later message stays). */
  hide(message: string): void {
    if (this.element.textContent === message) this.element.hidden = true;
  }
}
