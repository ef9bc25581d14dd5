/** The page: wires the controller, views, controls, editor, sharing and exports together and loads the first scenario. */
import '../../workers/browser-jitless.ts';
import './style.css';
// Pixi compiles its uniform uploads with new Function unless this replaces them; the page's CSP forbids eval.
import 'pixi.js/unsafe-eval';
import { decodeShareState, encodeShareState, ShareLinkError } from '../scenario/share-link.ts';
import type { ScenarioIssue } from '../scenario/issues.ts';
import type { SliceView } from '../render/slice-view.ts';
import type { RaceView } from '../render/race-view.ts';
import type { SharpnessView } from '../render/sharpness-view.ts';
import type { ViewId } from '../render/view.ts';
import type { PlaneMode } from '../../workers/page-session.ts';
import { App, viewAvailability } from './app.ts';
import { Controls } from './controls.ts';
import { ScenarioEditor } from './editor.ts';
import { LessonSession } from './lesson-session.ts';
import { inlineAttachedFiles, readerOf } from '../scenario/attached-files.ts';
import { isScenarioFile, keepDataFile, openedFiles } from './data-files.ts';
import { DEFAULT_SCENARIO, library } from './library.ts';
import { renderMarkdown } from './markdown.ts';
import { DeadEndMeter, meterRequest, meterText, racesMeterMethod, type MeterState } from './meter.ts';
import { SweepPanel } from './sweep-panel.ts';
import { Toast } from './toast.ts';

const $ = <T extends HTMLElement = HTMLElement>(selector: string): T => {
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`the page lacks ${selector}`);
  return element;
};

/** The race's views, and the sweep (which draws results of whole sweeps, not the live race). */
type PageView = ViewId | 'sweep';
const VIEW_IDS: ViewId[] = ['slice', 'race', 'hypercube', 'outcomes', 'decision', 'eye', 'sharpness', 'interpolation'];
/** Views whose tab shows only when the race can draw them: their key and what they show. */
const CONDITIONAL_TABS: [ViewId, string, string][] = [
  ['slice', '1', 'the landscape on a plane through the best point, with each racer’s points and path'],
  ['hypercube', '3', 'every genotype in layers by distance from the optimum, local optima marked, the racers on it'],
  ['decision', '6', 'the network’s output over its input plane'],
  ['eye', '7', 'the best eye so far in cross-section, and the stages each racer reached'],
  ['sharpness', '8', 'sharpness (top Hessian eigenvalue) against time, with 2/η'],
  ['interpolation', '9', 'the loss between two trained networks, before and after weight matching'],
];
const PAGE_VIEWS: PageView[] = [...VIEW_IDS, 'sweep'];
const toast = new Toast($('#toast'));
let activeView: PageView = 'slice';

const app = new App({
  onRace: (info, scenario) => {
    controls.race(info, scenario);
    $('#title').textContent = scenario.title;
    showInMenu(app.file, scenario.title);
    $('#description').innerHTML = renderMarkdown(scenario.description ?? '');
    const coordinate = (id: string, value: number) => {
      const input = $<HTMLInputElement>(id);
      input.max = String(info.dim);
      input.value = String(Math.min(info.dim, value));
    };
    coordinate('#plane-i', 1);
    coordinate('#plane-j', 2);
    $('#tab-sweep').hidden = !scenario.sweep;
    for (const [view, key, shows] of CONDITIONAL_TABS) {
      const tab = $<HTMLButtonElement>(`#tab-${view}`);
      const available = viewAvailability(info, view);
      tab.hidden = available !== true;
      tab.disabled = available !== true;
      tab.title = `${key}: ${available === true ? shows : available}`;
    }
    racerChooser('#decision-racer', info.racers, app.decisionRacer);
    decisionAxesChooser(info.decisionInputs ?? [], app.decisionAxes);
    racerChooser('#eye-racer', info.racers, app.eyeRacer);
    racerChooser('#interpolation-racer', info.racers, app.interpolationRacer);
    sweep.setScenario(scenario);
    meter.request(meterRequest(scenario, app.cell, app.activeSeed));
    // A view that depends on the landscape stays in front while it can draw, unless the scenario names other views.
    const keep =
      activeView === 'sweep'
        ? Boolean(scenario.sweep)
        : CONDITIONAL_TABS.some(([view]) => view === activeView)
          ? viewAvailability(info, activeView) === true && (!scenario.views || scenario.views.includes(activeView))
          : scenario.views?.includes(activeView);
    // The scenario's first view this race can draw (a file may ask for a view its landscape does not have).
    const drawable = (view: ViewId) => viewAvailability(info, view) === true;
    if (!keep) showView(scenario.views?.find(drawable) ?? (info.slice === true ? 'slice' : info.hypercube === true ? 'hypercube' : 'race'));
    else if (activeView === 'sweep' && $('#view-sweep').hidden) showView('sweep');
    editor.setText(app.text);
    lesson.sync(scenario.lesson);
    writeLink();
  },
  onFrame: (frame) => controls.frame(frame),
  onPlaying: (on) => controls.playing(on),
  onError: (message) => toast.show(message, 'error'),
});

const editor = new ScenarioEditor(
  (text) => app.check(text),
  (text) => void loadText(text, app.file, { keepView: true }),
);
$('#editor-host').append(editor.element);

const controls = new Controls(app, $('#controls'), (text) => void loadText(text, app.file, { keepView: true }));

const sweep = new SweepPanel($('#view-sweep'), {
  toast: (message, kind) => toast.show(message, kind),
  download: (name, data, type) => download(name, data, type),
  seed: () => app.activeSeed,
  reading: () => app.info?.reading ?? 'fitness',
});

const meter = new DeadEndMeter(renderMeter);

function renderMeter(state: MeterState): void {
  const root = $('#dead-end-meter');
  root.dataset.status = state.status;
  const fill = $('#meter-fill');
  const error = $('#meter-error');
  if (state.status === 'failed') {
    $('#meter-value').textContent = '—';
    $('#meter-detail').textContent = `(could not be estimated: ${state.error})`;
    fill.style.width = '0';
    error.style.width = '0';
    return;
  }
  if (!state.reading) {
    $('#meter-value').textContent = 'estimating…';
    $('#meter-detail').textContent = '';
    return;
  }
  const { value, detail } = meterText(state.reading, !app.scenario || racesMeterMethod(app.scenario, state.reading.method));
  $('#meter-value').textContent = state.status === 'estimating' ? `${value} (updating…)` : value;
  $('#meter-detail').textContent = detail;
  const share = state.reading.share ?? 0;
  const se = state.reading.se ?? 0;
  fill.style.width = `${100 * share}%`;
  error.style.left = `${100 * Math.max(0, share - se)}%`;
  error.style.width = `${100 * (Math.min(1, share + se) - Math.max(0, share - se))}%`;
}

/** Loads in progress (a lesson step's load runs inside the load that opened the lesson); for tests. */
let loading = 0;

/** How a load may go: a cell and seed to open, whether to keep the view, and what the page opens if this text is refused. */
interface LoadOptions {
  cell?: number;
  seed?: string | number;
  keepView?: boolean;
  /** Said when the text is refused on a page with no race yet, e.g. "Opened the default lesson instead." */
  instead?: string;
}

async function loadText(text: string, file: string, options: LoadOptions = {}): Promise<ScenarioIssue[]> {
  loading++;
  try {
    return await loadScenarioText(text, file, options);
  } finally {
    loading--;
  }
}

/** The scenario last given to the page, refused or not: data files opened after it reopen it. */
let lastScenario: { text: string; file: string } | undefined;

async function loadScenarioText(text: string, file: string, options: LoadOptions): Promise<ScenarioIssue[]> {
  lastScenario = { text, file };
  const wasPlaying = app.playing;
  const fresh = !app.scenario;
  // A sweep of many cells takes the worker a while to check; the page stays usable and says what it is doing, unless
  // a message (say, why a link was refused) is showing.
  const checking = `Checking ${file}…`;
  const slow = setTimeout(() => toast.idle && toast.show(checking, 'info', 10 * 60_000), 1000);
  const issues = await app.load(text, { file, cell: options.cell, seed: options.seed }).finally(() => {
    clearTimeout(slow);
    toast.hide(checking);
  });
  if (!issues.length && (await lesson.enterOpened())) return issues;
  if (issues.length) {
    editor.setText(text, issues);
    $<HTMLDetailsElement>('#editor-panel').open = true;
    const next = fresh ? (options.instead ?? '') : 'The previous race goes on.';
    toast.show(`${file} has ${issues.length} problem${issues.length === 1 ? '' : 's'}: ${issues[0].path ? `${issues[0].path}: ` : ''}${issues[0].message} (line ${issues[0].line}). ${next}`.trim(), 'error');
  } else if (options.keepView && wasPlaying) {
    app.play(true);
  }
  return issues;
}

/** Fills a racer chooser (decision, eye, interpolation) with this race's racers and selects `chosen`. */
function racerChooser(selector: string, racers: readonly { label: string }[], chosen: number): void {
  const select = $<HTMLSelectElement>(selector);
  select.replaceChildren(
    ...racers.map((racer, k) => {
      const option = document.createElement('option');
      option.value = String(k);
      option.textContent = racer.label;
      return option;
    }),
  );
  select.value = String(chosen);
}

/** The decision view's two axes, offered when the network has more than two inputs. */
function decisionAxesChooser(inputs: readonly string[], axes: readonly [number, number]): void {
  $('#decision-axes').hidden = inputs.length <= 2;
  for (const [k, id] of ['#decision-x', '#decision-y'].entries()) {
    const select = $<HTMLSelectElement>(id);
    select.replaceChildren(...inputs.map((name, i) => Object.assign(document.createElement('option'), { value: String(i), textContent: name })));
    select.value = String(axes[k]);
  }
}

function showView(id: PageView): void {
  if (id === 'sweep' && !app.scenario?.sweep) return;
  const available = id === 'sweep' || !app.info ? true : viewAvailability(app.info, id);
  if (available !== true) {
    toast.show(`No ${app.views[id as ViewId].title.toLowerCase()} view here: ${available}.`);
    return;
  }
  activeView = id;
  for (const view of PAGE_VIEWS) {
    const tab = $(`#tab-${view}`);
    tab.setAttribute('aria-selected', String(view === id));
    tab.tabIndex = view === id ? 0 : -1;
    $(`#view-${view}`).hidden = view !== id;
    if (view !== 'sweep') app.views[view].setVisible?.(view === id);
  }
  if (id === 'sweep') sweep.draw();
  $('#race-options').hidden = id !== 'race';
  $('#decision-options').hidden = id !== 'decision';
  $('#eye-options').hidden = id !== 'eye';
  $('#sharpness-options').hidden = id !== 'sharpness';
  $('#interpolation-options').hidden = id !== 'interpolation';
  $('#plane-controls').hidden = id !== 'slice' || app.info?.slice !== true;
  app.redraw();
  writeLink();
}

const lesson = new LessonSession(
  {
    app,
    load: async (text, file, options) => (await loadText(text, file, options)).length,
    showView: (view) => {
      if (PAGE_VIEWS.includes(view as PageView)) showView(view as PageView);
    },
    find: (file) => library.find((entry) => entry.file === file)?.text,
    error: (message) => toast.show(message, 'error'),
    changed: () => writeLink(),
  },
  $('#lesson'),
  $('#share-classroom'),
);

/** The share link of what is on screen; a lesson travels as its own scenario and step. */
function shareFragment(asClassroom?: boolean): string {
  const state = lesson.share(asClassroom);
  // Small data travels inside the link's scenario; larger data stays out, and the Share button says so.
  const { text } = inlineAttachedFiles(state.scenario, app.file, readerOf(openedFiles));
  return encodeShareState({ ...state, scenario: text, seed: app.seed, view: activeView });
}

/** What a share link of the scenario on screen lacks: the files it names that are too large to travel in it. */
function linkNeeds(): string {
  const { missing } = inlineAttachedFiles(app.text, app.file, readerOf(openedFiles));
  return missing.length ? ` It does not carry ${missing.map((m) => `${m.file} (${m.reason})`).join(', ')}: whoever opens it must open that file with it.` : '';
}

function writeLink(): void {
  if (!app.scenario) return;
  history.replaceState(null, '', `#${shareFragment()}`);
}

function download(name: string, data: Blob | string, type = 'text/plain'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

function baseName(): string {
  return app.file.replace(/\.(ya?ml|json)$/, '');
}

// Scenario library, files and drops.
const select = $<HTMLSelectElement>('#scenario-select');
select.replaceChildren(
  ...library.map((entry) => {
    const option = document.createElement('option');
    option.value = entry.file;
    option.textContent = entry.title;
    return option;
  }),
);
/** The menu's entry for a file that is not in the library (opened, dropped, shared or loaded by a lesson). */
const OTHER_FILE = 'other-file';

/** The menu names the scenario that is racing, whichever way it was loaded. */
function showInMenu(file: string, title: string): void {
  let other = select.querySelector<HTMLOptionElement>(`option[value="${OTHER_FILE}"]`);
  if (library.some((entry) => entry.file === file)) {
    other?.remove();
    select.value = file;
    return;
  }
  if (!other) {
    other = document.createElement('option');
    other.value = OTHER_FILE;
    select.prepend(other);
  }
  other.textContent = `${title} (${file})`;
  select.value = OTHER_FILE;
}
select.addEventListener('change', () => {
  const entry = library.find((e) => e.file === select.value);
  if (entry) void loadText(entry.text, entry.file);
});

/** Opens files chosen or dropped together: the data files a scenario names are kept, then the scenario opens. */
async function openFiles(files: readonly File[]): Promise<void> {
  const scenarios: File[] = [];
  for (const file of files) {
    if (await isScenarioFile(file)) scenarios.push(file);
    else {
      const refused = await keepDataFile(file);
      if (refused) return void toast.show(refused, 'error');
    }
  }
  if (scenarios.length) return openFile(scenarios[0]);
  // Data alone: the scenario last opened (refused for want of it, or racing) reads it now.
  if (lastScenario) {
    const issues = await loadText(lastScenario.text, lastScenario.file, { keepView: true });
    if (!issues.length) toast.show(`Opened ${files.map((f) => f.name).join(', ')} for ${lastScenario.file}`);
  }
}

async function openFile(file: File): Promise<void> {
  if (file.size > 512 * 1024) {
    toast.show(`${file.name} is larger than 512 KiB; a scenario file is a few KiB`, 'error');
    return;
  }
  const issues = await loadText(await file.text(), file.name);
  if (!issues.length) toast.show(`Opened ${file.name}`);
}
$('#open-file').addEventListener('click', () => $<HTMLInputElement>('#file-input').click());
$<HTMLInputElement>('#file-input').addEventListener('change', (event) => {
  void openFiles([...((event.target as HTMLInputElement).files ?? [])]);
});
document.addEventListener('dragover', (event) => {
  event.preventDefault();
  document.body.classList.add('dragging');
});
document.addEventListener('dragleave', () => document.body.classList.remove('dragging'));
document.addEventListener('drop', (event) => {
  event.preventDefault();
  document.body.classList.remove('dragging');
  void openFiles([...(event.dataTransfer?.files ?? [])]);
});

// Sharing and exports.
$('#share').addEventListener('click', async () => {
  writeLink();
  try {
    await navigator.clipboard.writeText(location.href);
    toast.show(`Link copied: it opens this scenario, seed and view.${linkNeeds()}`, linkNeeds() ? 'error' : 'info');
  } catch {
    toast.show(`The address bar now holds the share link; copy it from there.${linkNeeds()}`);
  }
});
$('#share-classroom').addEventListener('click', async () => {
  const link = `${location.href.split('#')[0]}#${shareFragment(true)}`;
  try {
    await navigator.clipboard.writeText(link);
    toast.show('Classroom link copied: it opens this lesson at this step, without the editor and with only the controls each step shows.');
  } catch {
    toast.show(`Copy this classroom link: ${link}`);
  }
});
$('#export-png').addEventListener('click', async () => {
  try {
    download(`${baseName()}-${activeView}.png`, await (activeView === 'sweep' ? sweep.png() : app.views[activeView].png()));
  } catch (error) {
    toast.show((error as Error).message, 'error');
  }
});
$('#export-csv').addEventListener('click', () => {
  if (activeView === 'sweep') {
    download(`${baseName()}-sweep.csv`, sweep.csv(), 'text/csv');
    return;
  }
  const view = app.views[activeView].csv ? app.views[activeView] : app.views.race;
  download(`${baseName()}-${view.id}.csv`, view.csv!(), 'text/csv');
});
$('#decision-save').addEventListener('click', async () => {
  try {
    download(`${baseName()}-network.json`, await app.savedNetwork(), 'application/json');
  } catch (error) {
    toast.show(`Cannot save the network: ${(error as Error).message}`, 'error');
  }
});
$('#export-yaml').addEventListener('click', () => download(`${baseName()}.yaml`, app.text, 'application/yaml'));

// Views and their options.
for (const id of PAGE_VIEWS) $(`#tab-${id}`).addEventListener('click', () => showView(id));
$('#plane-mode').addEventListener('change', () => void applyPlane());
$('#plane-i').addEventListener('change', () => void applyPlane());
$('#plane-j').addEventListener('change', () => void applyPlane());
$('#recenter').addEventListener('click', () => void applyPlane());
async function applyPlane(): Promise<void> {
  const mode = $<HTMLSelectElement>('#plane-mode').value as PlaneMode;
  $('#plane-coordinates').hidden = mode !== 'coordinates';
  const i = Number($<HTMLInputElement>('#plane-i').value) - 1;
  const j = Number($<HTMLInputElement>('#plane-j').value) - 1;
  if (mode === 'coordinates' && (i === j || i < 0 || j < 0)) {
    toast.show('choose two different coordinates', 'error');
    return;
  }
  await app.setPlane(mode, [i, j]);
}
for (const [k, id] of ['#decision-x', '#decision-y'].entries()) {
  $<HTMLSelectElement>(id).addEventListener('change', (event) => {
    const axes: [number, number] = [...app.decisionAxes];
    axes[k] = Number((event.target as HTMLSelectElement).value);
    // Choosing the other axis's input swaps the two, so the axes stay two different inputs.
    if (axes[0] === axes[1]) axes[1 - k] = app.decisionAxes[k];
    app.decisionAxes = axes;
    decisionAxesChooser(app.info?.decisionInputs ?? [], axes);
    app.requestDecision();
  });
}
$<HTMLSelectElement>('#decision-racer').addEventListener('change', (event) => {
  app.setDecisionRacer(Number((event.target as HTMLSelectElement).value));
});
$<HTMLSelectElement>('#eye-racer').addEventListener('change', (event) => {
  app.setEyeRacer(Number((event.target as HTMLSelectElement).value));
});
$<HTMLInputElement>('#log-scale').addEventListener('change', (event) => {
  (app.views.race as RaceView).setLogScale((event.target as HTMLInputElement).checked);
});
$<HTMLInputElement>('#sharpness-log').addEventListener('change', (event) => {
  (app.views.sharpness as SharpnessView).setLogScale((event.target as HTMLInputElement).checked);
});
$<HTMLSelectElement>('#interpolation-racer').addEventListener('change', (event) => {
  app.setInterpolationRacer(Number((event.target as HTMLSelectElement).value));
});
$('#interpolation-refresh').addEventListener('click', () => app.refreshInterpolation());

// Keyboard shortcuts (not while typing).
document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (target.closest('textarea, input, select') || event.ctrlKey || event.metaKey || event.altKey) return;
  if (lesson.key(event.key, event.shiftKey)) {
    event.preventDefault();
    return;
  }
  // A control the lesson hides or locks cannot be worked from the keyboard either.
  if (lesson.blocks(event.key)) return;
  const actions: Record<string, () => void> = {
    ' ': () => app.play(),
    ArrowRight: () => void app.step(),
    s: () => void app.step(),
    r: () => void app.reset(),
    n: () => void app.newSeed(),
    e: () => ($<HTMLDetailsElement>('#editor-panel').open = !$<HTMLDetailsElement>('#editor-panel').open),
    '1': () => showView('slice'),
    '2': () => showView('race'),
    '3': () => showView('hypercube'),
    '4': () => showView('outcomes'),
    '5': () => showView('sweep'),
    '6': () => showView('decision'),
    '7': () => showView('eye'),
    '8': () => showView('sharpness'),
    '9': () => showView('interpolation'),
  };
  const action = actions[event.key];
  if (action) {
    event.preventDefault();
    action();
  }
});

// Start: a share link if there is one, else the default scenario.
async function start(): Promise<void> {
  await app.mount({ slice: $('#view-slice'), race: $('#view-race'), hypercube: $('#view-hypercube'), outcomes: $('#view-outcomes'), decision: $('#view-decision'), eye: $('#view-eye'), sharpness: $('#view-sharpness'), interpolation: $('#view-interpolation') });
  const fallback = library.find((e) => e.file === DEFAULT_SCENARIO) ?? library[0];
  const instead = `Opened ${fallback.file === DEFAULT_SCENARIO ? 'the default lesson' : 'the first scenario'}, “${fallback.title}”, instead.`;
  if (location.hash.length > 1) {
    try {
      const state = decodeShareState(location.hash);
      lesson.classroom = state.classroom === true;
      lesson.pendingStep = state.step;
      if (state.view && PAGE_VIEWS.includes(state.view as PageView)) activeView = state.view as PageView;
      if (activeView !== 'sweep') showView(activeView);
      const issues = await loadText(state.scenario, 'shared-link.yaml', { cell: state.cell, seed: state.seed, instead });
      if (!issues.length) return;
    } catch (error) {
      lesson.pendingStep = undefined;
      toast.show(`This link cannot be opened: ${error instanceof ShareLinkError ? error.message : (error as Error).message}. ${instead}`, 'error');
    }
  }
  await loadText(fallback.text, fallback.file);
  // A lesson's step has chosen its view already.
  if (!lesson.open) showView(app.info?.slice === true ? activeView : 'race');
}

void start();

// For end-to-end tests and the curious: the live state, read-only.
Object.assign(globalThis, {
  hyperclimb: {
    state: () => ({
      ready: Boolean(app.info),
      loading: loading > 0,
      file: app.file,
      frames: app.frames,
      decisions: app.decisions,
      eyes: app.eyes,
      interpolations: app.interpolations,
      sharpnessPoints: (app.views.sharpness as SharpnessView).points,
      playing: app.playing,
      clock: app.frame?.clock ?? 0,
      done: app.frame?.done ?? false,
      seed: app.activeSeed,
      view: activeView,
      racers: app.frame?.racers.map((r) => ({ label: r.label, evaluations: r.evaluations, bestFitness: r.bestFitness, endedAt: r.endedAt })) ?? [],
      outcomes: app.frame?.outcomes ?? [],
      sweep: sweep.snapshot(),
      lesson: lesson.summary,
      meter: { status: meter.state.status, share: meter.state.reading?.share ?? null, text: $('#dead-end-meter').textContent!.replace(/\s+/g, ' ').trim() },
    }),
    app,
    sweep,
  },
});
