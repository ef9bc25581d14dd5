/**
 * Lesson steps checked against the scenario they belong to: a `set` action must name a knob path the scenario has
 * (the sweep's dotted-path vocabulary) and not one the sweep varies, a `cell` must exist. The schema checks each
 * step's shape; this checks what only the whole scenario can say, so a lesson never breaks in front of a class.
 */
import type { RawIssue } from './messages.ts';
import { clone, resolveSweepPath, setPath } from './sweep.ts';

interface LessonAction {
  load?: string;
  cell?: number;
  set?: Record<string, unknown>;
}

/**
 * Problems of the lesson in `root` (schema-valid data): `firstCell` is the data of sweep cell 0, `cells` the number
 * of cells, `sweepPaths` the paths the sweep varies, `validate` the cell validator of the parser. Actions that load
 * another file are checked against that file when the page opens it, not here.
 */
export function lessonIssues(
  root: Record<string, unknown>,
  firstCell: Record<string, unknown>,
  cells: number,
  sweepPaths: readonly (string | number)[][],
  validate: (data: Record<string, unknown>) => RawIssue[],
): RawIssue[] {
  const steps = Array.isArray(root.lesson) ? (root.lesson as { action?: LessonAction }[]) : [];
  const issues: RawIssue[] = [];
  steps.forEach((step, index) => {
    const action = step.action;
    if (!action || action.load !== undefined) return;
    const at = ['lesson', index, 'action'];
    if (action.cell !== undefined && action.cell >= cells) {
      issues.push({ path: [...at, 'cell'], message: `the scenario has ${cells} sweep cell${cells === 1 ? '' : 's'} (0 to ${cells - 1}), not ${action.cell}` });
    }
    if (!action.set) return;
    const data = clone(firstCell);
    const targets: [string, (string | number)[]][] = [];
    for (const [key, value] of Object.entries(action.set)) {
      let path: (string | number)[];
      try {
        path = resolveSweepPath(key, root);
      } catch (error) {
        issues.push({ path: [...at, 'set', key], atKey: true, message: (error as Error).message.replace('a sweep can vary', 'a lesson can set') });
        continue;
      }
      if (sweepPaths.some((swept) => JSON.stringify(swept) === JSON.stringify(path))) {
        issues.push({ path: [...at, 'set', key], atKey: true, message: `${key} is varied by the sweep: choose a sweep cell with 'cell:' instead` });
        continue;
      }
      setPath(data, path, value);
      targets.push([key, path]);
    }
    if (!targets.length) return;
    // Only the paths are the lesson's to check: whether a value fits depends on the rest of the scenario, which a
    // reader may change in the page (another landscape), so values are checked when the step is entered.
    for (const raw of validate(data)) {
      if (!raw.atKey) continue;
      const target = targets.find(([, path]) => raw.path.length <= path.length && raw.path.every((segment, i) => path[i] === segment));
      if (target) issues.push({ path: [...at, 'set', target[0]], atKey: true, message: raw.message });
    }
  });
  return issues;
}
