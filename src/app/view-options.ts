/** The controls views put in their options panels (src/views/*), built the same way for every view. */

/** A view's options panel: shown beside the tabs while its view is in front. */
export function optionsPanel(id: string, ...children: Node[]): HTMLElement {
  const panel = document.createElement('span');
  panel.id = id;
  panel.className = 'view-options';
  panel.hidden = true;
  panel.append(...children);
  return panel;
}

/** An inline label around a control, the text before or after it. */
export function labelled(control: HTMLElement, text: string, after = false): HTMLLabelElement {
  const label = document.createElement('label');
  label.className = 'inline';
  label.append(...(after ? [control, ` ${text}`] : [`${text} `, control]));
  return label;
}

/** A checkbox and its label, calling `changed` with its state. */
export function checkbox(id: string, text: string, changed: (on: boolean) => void): HTMLLabelElement {
  const input = document.createElement('input');
  input.id = id;
  input.type = 'checkbox';
  input.addEventListener('change', () => changed(input.checked));
  return labelled(input, text, true);
}

export function button(id: string, text: string, title: string, clicked: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.id = id;
  element.type = 'button';
  element.title = title;
  element.textContent = text;
  element.addEventListener('click', clicked);
  return element;
}

/** A menu of the race's racers (whose network or eye a view draws). */
export class RacerChooser {
  readonly select = document.createElement('select');
  readonly element: HTMLLabelElement;
  /** The racer chosen (index into the race's racers). */
  racer = 0;

  constructor(id: string, text: string, title: string, changed: (racer: number) => void) {
    this.select.id = id;
    this.select.title = title;
    this.element = labelled(this.select, text);
    this.select.addEventListener('change', () => {
      this.racer = Number(this.select.value);
      changed(this.racer);
    });
  }

  /** Lists this race's racers and selects `chosen`. */
  fill(racers: readonly { label: string }[], chosen: number): void {
    this.racer = chosen;
    this.select.replaceChildren(
      ...racers.map((racer, k) => {
        const option = document.createElement('option');
        option.value = String(k);
        option.textContent = racer.label;
        return option;
      }),
    );
    this.select.value = String(chosen);
  }
}

/** The racer a view of networks shows first: the first gradient racer, else the first. */
export function firstGradientRacer(racers: readonly { needsGradient: boolean }[]): number {
  return Math.max(0, racers.findIndex((r) => r.needsGradient));
}
