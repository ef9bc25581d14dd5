/** The page: wires the controller, views, controls, editor, sharing and exports together and loads the first scenario. */
import '../../workers/browser-jitless.ts';
import './style.css';
// Pixi compiles its uniform uploads with new Function unless this replaces them; the page's CSP forbids eval.
import 'pixi.js/unsafe-eval';
import { decodeShareState, encodeShareState, encodeShortShareState, ShareLinkError } from '../scenario/share-link.ts';
import type { ScenarioIssue } from '../scenario/issues.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { RaceInfo } from '../../workers/protocol.ts';
import { VIEW_IDS, viewKey, type ViewId } from '../views/registry.ts';
import { AnswerPanel } from './answer-panel.ts';
import type { AnswerLine } from './answer.ts';
import { App, viewAvailability } from './app.ts';
import { Controls } from './controls.ts';
import { ScenarioEditor } from './editor.ts';
import { LessonSession } from './lesson-session.ts';
import { inlineAttachedFiles, readerOf, startingFrom } from '../scenario/attached-files.ts';
import { isSavedNetworkFile, isScenarioFile, keepDataFile, openedFiles } from './data-files.ts';
import { builtInText, DEFAULT_SCENARIO, library, menuEntry, OTHER_FILE } from './library.ts';
import { showDefined, withDefinitions } from './glossary.ts';
import { renderMarkdown } from './markdown.ts';
import { LoadProgress, openingText } from './load-progress.ts';
import { DeadEndMeter, meterRequest, meterText, racesMeterMethod, type MeterState } from './meter.ts';
import { Toast } from './toast.ts';
import { viewModules } from './views.ts';
import { scenarioStem } from '../scenario/file-stem.ts';

const $ = <T extends HTMLElement = HTMLElement>(selector: string): T => {
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`the page lacks ${selector}`);
  return element;
};

const toast = new Toast($('#toast'));
const progress = new LoadProgress($('#load-progress'));
let activeView: ViewId = VIEW_IDS[0];
/** The view a share link names: it opens with the link's race, if that race can draw it. */
let linkView: ViewId | undefined;

/** Whether a view can draw this race. */
const applies = (id: ViewId, info: RaceInfo, scenario: Scenario) => viewAvailability(viewModules[id], info, scenario) === true;

/** A tab's tooltip: its key, and what the view shows or why it cannot draw here. */
function tabTitle(id: ViewId, available: true | string): string {
  const key = viewKey(id);
  return withDefinitions(`${key ? `${key}: ` : ''}${available === true ? viewModules[id].shows : available}`);
}

/** The view that comes to the front when a race opens: the one in front if it stays, else the scenario's first. */
function frontFor(info: RaceInfo, scenario: Scenario): ViewId {
  const drawable = (id: ViewId) => applies(id, info, scenario);
  if (linkView && drawable(linkView)) return linkView;
  const stays = viewModules[activeView].stays ?? 'if-named';
  const named = scenario.views?.includes(activeView) ?? false;
  const keep = stays === 'always' ? drawable(activeView) : stays === 'while-it-applies' ? drawable(activeView) && (!scenario.views || named) : named;
  if (keep) return activeView;
  // The scenario's first view this race can draw (a file may ask for a view its landscape does not have).
  return scenario.views?.find(drawable) ?? VIEW_IDS.find((id) => viewModules[id].opensFirst && drawable(id)) ?? VIEW_IDS.find(drawable)!;
}

const app = new App(viewModules, { toast: (message, kind) => toast.show(message, kind), download: (name, data, type) => download(name, data, type) }, {
  onOpening: (scenario, replicates) => {
    // The controls and the title follow the parsed scenario at once; the worker's answer refines them.
    controls.prepare(scenario);
    $('#title').textContent = scenario.title;
    showInMenu(app.file, scenario.title);
    progress.show(openingText(scenario, app.cell, replicates));
  },
  onRace: (info, scenario) => {
    progress.show('Drawing the first frame…');
    controls.race(info, scenario);
    $('#title').textContent = scenario.title;
    showInMenu(app.file, scenario.title);
    $('#description').innerHTML = renderMarkdown(scenario.description ?? '');
    // Views with a condition show their tab only where they can draw.
    for (const id of VIEW_IDS) {
      if (!viewModules[id].applies) continue;
      const tab = $<HTMLButtonElement>(`#tab-${id}`);
      const available = viewAvailability(viewModules[id], info, scenario);
      tab.hidden = available !== true;
      tab.disabled = available !== true;
      tab.title = tabTitle(id, available);
    }
    meter.request(meterRequest(scenario, app.cell, app.activeSeed));
    const front = frontFor(info, scenario);
    linkView = undefined;
    if (front !== activeView || $(`#view-${front}`).hidden) showView(front);
    editor.setText(app.text);
    lesson.sync(scenario.lesson);
    writeLink();
  },
  onFrame: (frame) => {
    // While a scenario loads, the frames are the old race's (or the new one's first): loadText hides it when done.
    if (!loading) progress.hide();
    controls.frame(frame);
  },
  onPlaying: (on) => controls.playing(on),
  onError: (message) => {
    progress.hide();
    toast.show(message, 'error');
  },
});

const editor = new ScenarioEditor(
  (text) => app.check(text),
  (text) => void loadText(text, app.file, { keepView: true }),
);
$('#editor-host').append(editor.element);

const controls = new Controls(app, $('#controls'), (text) => void loadText(text, app.file, { keepView: true }));

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
  showDefined($('#meter-detail'), detail);
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
    if (!loading && app.frame) progress.hide();
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
  progress.show(`Reading ${file}…`);
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

function showView(id: ViewId): void {
  const module = viewModules[id];
  const available = app.info && app.scenario ? viewAvailability(module, app.info, app.scenario) : true;
  if (available !== true) {
    toast.show(`No ${module.label.toLowerCase()} view here: ${available}.`);
    return;
  }
  activeView = id;
  app.front = id;
  for (const view of VIEW_IDS) {
    const tab = $(`#tab-${view}`);
    tab.setAttribute('aria-selected', String(view === id));
    tab.tabIndex = view === id ? 0 : -1;
    $(`#view-${view}`).hidden = view !== id;
    app.views[view].setVisible?.(view === id);
    const options = app.pageViews[view].options;
    if (options) options.hidden = view !== id;
  }
  app.redraw();
  writeLink();
}

const lesson = new LessonSession(
  {
    app,
    load: async (text, file, options) => (await loadText(text, file, options)).length,
    showView: (view) => {
      if ((VIEW_IDS as readonly string[]).includes(view)) showView(view as ViewId);
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
  const state = { ...lesson.share(asClassroom), seed: app.seed, view: activeView };
  // A built-in file, knobs moved or not, travels as its name and its changes: the page that opens it has the file.
  const short = encodeShortShareState(state, builtInText);
  if (short) return short;
  // Small data travels inside the link's scenario; larger data stays out, and the Share button says so.
  const { text } = inlineAttachedFiles(state.scenario, app.file, readerOf(openedFiles));
  return encodeShareState({ ...state, scenario: text });
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
  return scenarioStem(app.file);
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
/** The menu names the scenario that is racing, whichever way it was loaded. */
function showInMenu(file: string, title: string): void {
  const { value, label } = menuEntry(file, title);
  let other = select.querySelector<HTMLOptionElement>(`option[value="${OTHER_FILE}"]`);
  if (label === undefined) other?.remove();
  else {
    if (!other) {
      other = document.createElement('option');
      other.value = OTHER_FILE;
      select.prepend(other);
    }
    other.textContent = label;
  }
  select.value = value;
}
select.addEventListener('change', () => {
  const entry = library.find((e) => e.file === select.value);
  if (entry) void loadText(entry.text, entry.file);
});

/**
 * Opens files chosen or dropped together: the data files a scenario names are kept, then the scenario opens. A saved
 * network among them also becomes the scenario's start (`landscape.start`), so the race starts from its weights.
 */
async function openFiles(files: readonly File[]): Promise<void> {
  const scenarios: File[] = [];
  const networks: string[] = [];
  for (const file of files) {
    if (await isScenarioFile(file)) scenarios.push(file);
    else {
      const refused = await keepDataFile(file);
      if (refused) return void toast.show(refused, 'error');
      if (await isSavedNetworkFile(file)) networks.push(file.name);
    }
  }
  if (networks.length > 1) return void toast.show(`Open one saved network at a time: ${networks.join(', ')} would each be the start`, 'error');
  if (scenarios.length) return openFile(scenarios[0], networks[0]);
  // Data alone: the scenario last opened (refused for want of it, or racing) reads it now.
  if (lastScenario) {
    const text = networks.length ? startText(lastScenario.text, lastScenario.file, networks[0]) : lastScenario.text;
    if (text === undefined) return;
    const issues = await loadText(text, lastScenario.file, { keepView: true });
    if (!issues.length) toast.show(`Opened ${files.map((f) => f.name).join(', ')} for ${lastScenario.file}${networks.length ? `: every racer starts from ${networks[0]}` : ''}`);
  }
}

/** The scenario with its network started from the saved network `network`, or undefined when it cannot be (said why). */
function startText(text: string, file: string, network: string): string | undefined {
  const started = startingFrom(text, file, network);
  if (started.problem === undefined) return started.text;
  toast.show(started.problem, 'error');
  return undefined;
}

async function openFile(file: File, network?: string): Promise<void> {
  if (file.size > 512 * 1024) {
    toast.show(`${file.name} is larger than 512 KiB; a scenario file is a few KiB`, 'error');
    return;
  }
  const text = network ? startText(await file.text(), file.name, network) : await file.text();
  if (text === undefined) return;
  const issues = await loadText(text, file.name);
  if (!issues.length) toast.show(`Opened ${file.name}${network ? `: every racer starts from ${network}` : ''}`);
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

// The answer panel: each line opens its experiment on the view (or lesson step) that shows it.
async function openAnswerLine(line: AnswerLine): Promise<void> {
  const entry = library.find((e) => e.file === line.file)!;
  lesson.pendingStep = line.step;
  try {
    const issues = await loadText(entry.text, entry.file);
    if (issues.length) return;
  } finally {
    lesson.pendingStep = undefined;
  }
  // The lesson was open already (the eye, at load), so loading it again kept its step.
  if (line.step !== undefined && lesson.summary && lesson.summary.step !== line.step) await lesson.enter(line.step);
  // Otherwise the scenario's own first view, even where the view in front could stay (a sweep opens on its Sweep view).
  if (!lesson.open && app.info && app.scenario) {
    const first = app.scenario.views?.find((id) => applies(id, app.info!, app.scenario!));
    if (first && first !== activeView) showView(first);
  }
}
const answerPanel = new AnswerPanel($('#answer'), $<HTMLButtonElement>('#answer-toggle'), (line) => void openAnswerLine(line));

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
    download(`${baseName()}-${activeView}.png`, await app.views[activeView].png());
  } catch (error) {
    toast.show((error as Error).message, 'error');
  }
});
$('#export-csv').addEventListener('click', () => {
  // A view without data of its own exports the race's.
  const view = app.views[activeView].csv ? app.views[activeView] : app.views.race;
  download(`${baseName()}-${view.id}.csv`, view.csv!(), 'text/csv');
});
$('#export-yaml').addEventListener('click', () => download(`${baseName()}.yaml`, app.text, 'application/yaml'));

// Views: a tab and a panel each, and their options panels beside the tabs, in the registry's order.
const tabs = $('#view-tabs');
const hosts = {} as Record<ViewId, HTMLElement>;
for (const id of VIEW_IDS) {
  const module = viewModules[id];
  const tab = document.createElement('button');
  tab.id = `tab-${id}`;
  tab.type = 'button';
  tab.setAttribute('role', 'tab');
  tab.setAttribute('aria-controls', `view-${id}`);
  tab.textContent = module.label;
  tab.title = tabTitle(id, true);
  // A view with a condition has no tab until a race says it can draw.
  tab.hidden = tab.disabled = Boolean(module.applies);
  tab.addEventListener('click', () => showView(id));
  tabs.append(tab);
  const panel = document.createElement('div');
  panel.id = `view-${id}`;
  panel.className = 'view';
  panel.setAttribute('role', 'tabpanel');
  panel.setAttribute('aria-labelledby', tab.id);
  panel.hidden = true;
  $('#views').append(panel);
  hosts[id] = panel;
}
for (const id of VIEW_IDS) {
  const options = app.pageViews[id].options;
  if (options) tabs.append(options);
}

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
    ...Object.fromEntries(VIEW_IDS.flatMap((id) => { const key = viewKey(id); return key ? [[key, () => showView(id)]] : []; })),
  };
  const action = actions[event.key];
  if (action) {
    event.preventDefault();
    action();
  }
});

// Start: a share link if there is one, else the default scenario.
async function start(): Promise<void> {
  await app.mount(hosts);
  const fallback = library.find((e) => e.file === DEFAULT_SCENARIO) ?? library[0];
  const instead = `Opened ${fallback.file === DEFAULT_SCENARIO ? 'the default lesson' : 'the first scenario'}, “${fallback.title}”, instead.`;
  if (location.hash.length > 1) {
    try {
      const state = decodeShareState(location.hash, builtInText);
      lesson.classroom = state.classroom === true;
      // A class sees what its teacher chose to show.
      if (lesson.classroom) answerPanel.show(false, false);
      lesson.pendingStep = state.step;
      if (state.view && (VIEW_IDS as readonly string[]).includes(state.view)) linkView = state.view as ViewId;
      const issues = await loadText(state.scenario, state.file ?? 'shared-link.yaml', { cell: state.cell, seed: state.seed, instead });
      if (!issues.length) {
        // A short link to a file changed since: the reader sees why the numbers may not be the sender's.
        if (state.notice) toast.show(`${state.notice}.`, 'error', 15_000);
        return;
      }
    } catch (error) {
      lesson.pendingStep = undefined;
      toast.show(`This link cannot be opened: ${error instanceof ShareLinkError ? error.message : (error as Error).message}. ${instead}`, 'error');
    }
  }
  await loadText(fallback.text, fallback.file);
  // A lesson's step has chosen its view already.
  if (!lesson.open) showView(activeView);
}

void start();

// For end-to-end tests and the curious: the live state, read-only.
Object.assign(globalThis, {
  hyperclimb: {
    state: () => ({
      ready: Boolean(app.info),
      loading: loading > 0,
      progress: progress.text,
      file: app.file,
      frames: app.frames,
      playing: app.playing,
      // Nothing asked of the worker is unanswered (a paused page's last data has arrived).
      settled: app.settled,
      clock: app.frame?.clock ?? 0,
      done: app.frame?.done ?? false,
      seed: app.activeSeed,
      view: activeView,
      racers: app.frame?.racers.map((r) => ({ label: r.label, evaluations: r.evaluations, bestFitness: r.bestFitness, endedAt: r.endedAt })) ?? [],
      outcomes: app.frame?.outcomes ?? [],
      lesson: lesson.summary,
      answer: answerPanel.visible,
      meter: { status: meter.state.status, share: meter.state.reading?.share ?? null, text: $('#dead-end-meter').textContent!.replace(/\s+/g, ' ').trim() },
      // Each view's own figures (decision surfaces and eyes received, sharpness points, the sweep's progress).
      ...Object.assign({}, ...VIEW_IDS.map((id) => app.pageViews[id].state?.() ?? {})),
    }),
    app,
  },
});
