/**
 * The vocabulary of lint problems, plain data shared by the parts that hold rules, the VS Code glue and
 * the CLI: offsets are UTF-16 offsets in the document text.
 */

export type Severity = 'error' | 'warning' | 'info';

/** A rule in its part's table: the severity it reports with unless `roundup.lint.rules` says otherwise. */
export interface RuleInfo {
  severity: Severity;
  description: string;
}

/** Per-rule override from `roundup.lint.rules`: another severity, or off. */
export type RuleSetting = Severity | 'off';

/** The severity `rule` of a part's `table` reports with under `roundup.lint.rules`; undefined when it is off. */
export function severityOf<R extends string>(
  table: Readonly<Record<R, RuleInfo>>,
  rule: R,
  settings: Readonly<Record<string, RuleSetting>>,
): Severity | undefined {
  const setting = Object.prototype.hasOwnProperty.call(settings, rule) ? settings[rule] : undefined;
  return setting === 'off' ? undefined : (setting ?? table[rule].severity);
}

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The one obvious fix: offered first and applied by "fix all". */
  preferred?: boolean;
}

export interface Problem {
  rule: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes: Fix[];
  /** Other files the problem points to: where its expectation comes from (shown in the editor's hover). */
  related?: readonly RelatedFile[];
}

/** A file a problem points to (a path relative to the blog), with what it shows there. */
export interface RelatedFile {
  path: string;
  message: string;
}

/** Document order of problems and edits: by start, then end (for `sort`, which keeps the order of equals). */
export function byPosition(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start - b.start || a.end - b.end;
}

/** Applies non-overlapping edits to a text (edits may come in any order). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort(byPosition);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`Overlapping edits at offset ${e.start}`);
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

/**
 * One edit that turns `before` into `after`: the part between their common start and common end (so a
 * whole-text change applied to an editor keeps the cursor, folds and marks outside it).
 */
export function differingPart(before: string, after: string): TextEdit {
  const most = Math.min(before.length, after.length);
  let start = 0;
  while (start < most && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  const same = (i: number) => before.charCodeAt(before.length - 1 - i) === after.charCodeAt(after.length - 1 - i);
  while (tail < most - start && same(tail)) tail++;
  return { start, end: before.length - tail, newText: after.slice(start, after.length - tail) };
}

/**
 * The preferred fix of each problem, combined so that no two edits overlap
 * (a later problem whose edits overlap an earlier one waits for the next run).
 */
export function fixAllEdits(problems: readonly Problem[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const p of problems) {
    const fix = p.fixes.find((f) => f.preferred);
    if (!fix) continue;
    // Overlapping ranges clash; insertions at the same place do not (fields added before the closing fence),
    // unless they insert the same text twice.
    const clash = fix.edits.some((e) =>
      taken.some(
        (t) =>
          (e.start < t.end && t.start < e.end) ||
          (e.start === e.end && t.start === t.end && e.start === t.start && e.newText === t.newText),
      ),
    );
    if (!clash) taken.push(...fix.edits);
  }
  return taken;
}

/**
 * What "Fix all" says afterwards: `Fixed 2 problems; 1 remains (no automatic fix).` `fixable` counts the
 * problems left that do have a fix (a fix can bring another to light): Fix all applies only what showed.
 */
export function fixAllSummary(fixed: number, remaining: number, fixable = 0): string {
  const problems = `${fixed} ${fixed === 1 ? 'problem' : 'problems'}`;
  if (remaining === 0) return `Fixed ${problems}; none remain.`;
  const left = `${remaining} ${remaining === 1 ? 'remains' : 'remain'}`;
  if (fixable === 0) return `Fixed ${problems}; ${left} (no automatic fix).`;
  const them = remaining === 1 ? 'it has' : 'they have';
  const now = fixable === remaining ? them : `${fixable} of them ${fixable === 1 ? 'has' : 'have'}`;
  return `Fixed the ${problems} shown; ${left}, and ${now} a fix: run Fix all again to apply it.`;
}
