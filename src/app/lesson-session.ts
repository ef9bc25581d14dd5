/**
 * The lesson on the page: which lesson is open and on which step, following the races the page loads (a scenario
 * with a lesson opens it, knob moves keep its step, another file closes it, a file a step loaded keeps it), entering
 * steps (panel, control states, the step's action) and what a share link must carry to come back to the same step.
 * The decisions are lesson.ts's; this keeps the state and carries them out through the page's own functions.
 */
import type { ShareState } from '../scenario/share-link.ts';
import type { LessonStep } from '../scenario/schema.ts';
import type { App } from './app.ts';
import { clampStep, controlStates, navigationKey, planStep, shortcutControl, type ScenarioSource, type StepPlan } from './lesson.ts';
import { applyControlStates } from './lesson-controls.ts';
import { LessonPanel } from './lesson-panel.ts';

export interface LessonPage {
  readonly app: App;
  /** Loads scenario text as the page does (errors go to the editor); resolves to the number of problems. */
  load(text: string, file: string, options: { cell?: number; seed?: string | number }): Promise<number>;
  /** Brings a view to the front if the page has it. */
  showView(view: string): void;
  /** A sims/ file's text. */
  find(file: string): string | undefined;
  error(message: string): void;
  /** The address bar must follow (a step changed). */
  changed(): void;
}

export class LessonSession {
  private lesson?: { steps: LessonStep[]; source: ScenarioSource; index: number; loaded?: string };
  /** A classroom link opened the page: no editor, and only the controls each step shows. */
  classroom = false;
  /** The step a share link asks for, entered once its scenario has loaded. */
  pendingStep?: number;
  /** A newly opened lesson whose step has not been entered yet. */
  private toEnter = false;
  /** A step's action is loading a scenario: that scenario does not replace the lesson. */
  private loading = false;
  private readonly panel: LessonPanel;

  constructor(
    private readonly page: LessonPage,
    panelRoot: HTMLElement,
    private readonly classroomButton: HTMLElement,
  ) {
    this.panel = new LessonPanel(panelRoot, (index) => void this.enter(index));
  }

  get open(): boolean {
    return this.lesson !== undefined;
  }

  /** For tests and the page's state: the step shown, or null without a lesson. */
  get summary(): { step: number; steps: number; title: string; classroom: boolean } | null {
    const lesson = this.lesson;
    return lesson ? { step: lesson.index, steps: lesson.steps.length, title: lesson.steps[lesson.index].title, classroom: this.classroom } : null;
  }

  /** True when the scenario racing is the lesson's own (perhaps with knobs moved), not one a step loaded. */
  private raceOwnsLesson(): boolean {
    const racing = this.page.app.scenario?.lesson;
    return Boolean(this.lesson && racing && JSON.stringify(racing) === JSON.stringify(this.lesson.steps));
  }

  /** Follows a new race (called for every race the page starts). */
  sync(steps: LessonStep[] | undefined): void {
    const { app } = this.page;
    const lesson = this.lesson;
    if (lesson && (this.loading || lesson.loaded === app.file)) {
      // A step's own load, or a file a step loaded with knobs moved since: the lesson stays, whatever that file holds.
      if (this.raceOwnsLesson()) {
        lesson.source = { text: app.text, file: app.file };
        lesson.loaded = undefined;
      } else {
        lesson.loaded = app.file;
      }
    } else if (!steps?.length) {
      this.lesson = undefined;
    } else if (!lesson || JSON.stringify(lesson.steps) !== JSON.stringify(steps)) {
      // A new lesson, or this one edited in the editor (then the reader stays on the step being edited).
      const index = this.pendingStep ?? (lesson && lesson.source.file === app.file ? lesson.index : 0);
      this.pendingStep = undefined;
      this.lesson = { steps, source: { text: app.text, file: app.file }, index: clampStep(index, steps.length) };
      this.toEnter = true;
    } else {
      lesson.source = { text: app.text, file: app.file };
    }
    this.show();
  }

  /** After a load: enters the step of a lesson that just opened. Returns true if it did. */
  async enterOpened(): Promise<boolean> {
    if (!this.toEnter || !this.lesson) return false;
    this.toEnter = false;
    await this.enter(this.lesson.index);
    return true;
  }

  /** Draws the step and applies its control states (again after each race: knobs are rebuilt with it). */
  show(): void {
    const lesson = this.lesson;
    this.panel.show(lesson?.steps, lesson?.index ?? 0);
    document.body.classList.toggle('has-lesson', Boolean(lesson));
    document.body.classList.toggle('classroom', this.classroom);
    this.classroomButton.hidden = !lesson || this.classroom;
    applyControlStates(document, controlStates(lesson?.steps[lesson.index], this.classroom));
  }

  /** Shows step `index` and carries out its action: another file or cell, knob settings, a view, a run. */
  async enter(index: number): Promise<void> {
    const lesson = this.lesson;
    if (!lesson) return;
    const { app } = this.page;
    lesson.index = clampStep(index, lesson.steps.length);
    this.show();
    this.page.changed();
    let plan: StepPlan;
    try {
      const current = { text: app.text, file: app.file, cell: app.cell, ownsLesson: this.raceOwnsLesson() };
      plan = planStep(lesson.steps[lesson.index], lesson.index, current, lesson.source, (file) => this.page.find(file));
    } catch (error) {
      this.page.error((error as Error).message);
      return;
    }
    // A step without an action leaves the race as it is, playing or not.
    if (plan.reload) {
      const sameFile = plan.source.file === app.file;
      this.loading = true;
      try {
        const problems = await this.page.load(plan.source.text, plan.source.file, { cell: plan.cell ?? (sameFile ? app.cell : 0), seed: sameFile ? app.seed : undefined });
        if (problems) return;
      } finally {
        this.loading = false;
      }
    }
    if (plan.view) this.page.showView(plan.view);
    if (plan.run !== undefined) await app.runUntil(plan.run === 'done' ? Infinity : plan.run);
  }

  /** Handles a lesson key (Page Down/Up, Shift+arrows); true if the key was the lesson's. */
  key(key: string, shift: boolean): boolean {
    const move = this.lesson ? navigationKey(key, shift) : undefined;
    if (!move || !this.lesson) return false;
    const next = clampStep(this.lesson.index + (move === 'next' ? 1 : -1), this.lesson.steps.length);
    if (next !== this.lesson.index) void this.enter(next);
    return true;
  }

  /** True when the step hides or locks the control a page shortcut works. */
  blocks(key: string): boolean {
    const control = shortcutControl(key);
    if (!control) return false;
    const state = controlStates(this.lesson?.steps[this.lesson.index], this.classroom)[control];
    return state.hidden || state.locked;
  }

  /**
   * What a share link holds for the lesson: its own scenario and the step, which replays the rest (a file a step
   * loaded, its cell); without a lesson, the race as it is.
   */
  share(asClassroom = this.classroom): Pick<ShareState, 'scenario' | 'file' | 'cell' | 'step' | 'classroom'> {
    const { app } = this.page;
    const owns = this.raceOwnsLesson();
    const source = this.lesson && !owns ? this.lesson.source : { text: app.text, file: app.file };
    return {
      scenario: source.text,
      file: source.file,
      cell: (!this.lesson || owns) && app.cell ? app.cell : undefined,
      step: this.lesson?.index,
      classroom: asClassroom || undefined,
    };
  }
}
