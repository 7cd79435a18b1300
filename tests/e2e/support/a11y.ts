import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import ts from 'typescript';
import { PHONE } from './screens.ts';

/** The rules the proof asks for (issue 13): WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

const ROUTER_FILE = path.join(process.cwd(), 'src', 'web', 'app', 'router.tsx');

/**
 * Every path in the web app's route table (src/web/app/router.tsx), read from its source so that a
 * page added there cannot be left out of the axe checks. The file is parsed, not imported: it pulls
 * in CSS and the offline store, which Node cannot load. Routes are object literals with `path` (or
 * `index: true`) and `children`, or calls such as `page('plan', pages.plan)` whose first argument is
 * the path (`undefined`: the index route). Anything else inside a `children` array (a spread, a
 * variable) fails loudly: this reader would otherwise miss the pages behind it.
 */
export function routePaths(file = ROUTER_FILE): string[] {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  let table: ts.Expression | undefined;
  source.forEachChild(function find(node) {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === 'routes') {
      table = node.initializer;
    }
    node.forEachChild(find);
  });
  if (!table || !ts.isArrayLiteralExpression(table)) throw new Error(`No \`routes\` array literal in ${file}`);

  const found = new Set<string>();
  const join = (parent: string, child: string) =>
    child.startsWith('/') ? child : `${parent.replace(/\/$/, '')}/${child}`.replace(/^\/\//, '/');
  const where = (node: ts.Node) => `${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

  function walkList(list: ts.ArrayLiteralExpression, parent: string) {
    for (const element of list.elements) walkRoute(element, parent);
  }
  function walkRoute(node: ts.Expression, parent: string) {
    if (ts.isObjectLiteralExpression(node)) {
      let own: string | undefined;
      let index = false;
      let children: ts.Expression | undefined;
      for (const property of node.properties) {
        if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) continue;
        const name = property.name.text;
        if (name === 'path') {
          if (!ts.isStringLiteralLike(property.initializer))
            throw new Error(`A route path that is not a string at ${where(property)}`);
          own = property.initializer.text;
        } else if (name === 'index') {
          index = property.initializer.kind === ts.SyntaxKind.TrueKeyword;
        } else if (name === 'children') {
          children = property.initializer;
        }
      }
      const full = own === undefined ? parent : join(parent, own);
      if (own !== undefined || index) found.add(full);
      if (children) {
        if (!ts.isArrayLiteralExpression(children))
          throw new Error(`Route children that are not an array literal at ${where(children)}`);
        walkList(children, full);
      }
      return;
    }
    if (ts.isCallExpression(node)) {
      const first = node.arguments[0];
      if (first && ts.isStringLiteralLike(first)) found.add(join(parent, first.text));
      else if (first && ts.isIdentifier(first) && first.text === 'undefined') found.add(parent);
      else throw new Error(`A route made by a call this reader does not know at ${where(node)}`);
      return;
    }
    throw new Error(`A route entry this reader does not know (${ts.SyntaxKind[node.kind]}) at ${where(node)}`);
  }

  walkList(table, '');
  return [...found].sort();
}

/** One violation, as a person fixing it needs it: the rule, where, and what to do. */
export type Finding = { page: string; id: string; impact: string; help: string; helpUrl: string; targets: string[] };

type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;

function toFindings(page: string, results: AxeResults['violations']): Finding[] {
  return results.map((result) => ({
    page,
    id: result.id,
    impact: result.impact ?? 'unknown',
    help: result.help,
    helpUrl: result.helpUrl,
    targets: result.nodes.map((node) => {
      const target = node.target.map((part) => (Array.isArray(part) ? part.join(' >> ') : part)).join(' >> ');
      return node.failureSummary ? `${target}\n        ${node.failureSummary.replace(/\n/g, '\n        ')}` : target;
    }),
  }));
}

/**
 * Runs axe with the WCAG 2.0/2.1 A+AA rules on the page as it is now. With A11Y_DEBUG set, also
 * prints what axe could not decide ("incomplete": a person has to look, e.g. text over a gradient).
 */
export async function runAxe(page: Page, name: string): Promise<Finding[]> {
  const tags = process.env.A11Y_EXTRA_TAGS ? [...WCAG_TAGS, ...process.env.A11Y_EXTRA_TAGS.split(',')] : [...WCAG_TAGS];
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  // A run that checked nothing (axe not injected, an empty page) must not pass as "no violations".
  expect(results.passes.length, `${name}: rules axe found applicable`).toBeGreaterThan(3);
  if (process.env.A11Y_DEBUG) {
    console.log(`${name}: ${results.passes.length} rules passed, ${results.incomplete.length} to look at`);
    if (results.incomplete.length > 0) console.log(formatFindings(toFindings(name, results.incomplete)));
  }
  return toFindings(name, results.violations);
}

export function formatFindings(findings: Finding[]): string {
  return findings
    .map(
      (finding) =>
        `[${finding.page}] ${finding.id} (${finding.impact}): ${finding.help}\n    ${finding.helpUrl}\n` +
        finding.targets.map((target) => `    - ${target}`).join('\n'),
    )
    .join('\n');
}

type Viewer = 'visitor' | 'student' | 'advisor';

/**
 * Who sees each route in the checks, or why it is not checked. a11y.spec.ts asserts this table and
 * the router agree path for path; each test then asserts it checked every route it is listed for.
 * Visitors are checked in a11y.spec.ts; students and advisors in a11y.clock.spec.ts (pinned day).
 */
export const ROUTE_COVERAGE: Record<string, { by: Viewer[] } | { skip: string }> = {
  '/': { by: ['student'] },
  '/sign-in': { by: ['visitor'] },
  '/sign-up': { by: ['visitor'] },
  '/profile': { by: ['student'] },
  '/postmortem': { by: ['student'] },
  '/plan': { by: ['student'] },
  '/plan/settings': { by: ['student'] },
  '/plan/print': { by: ['student'] },
  // The overview and its parts (/evidence/exams, …): the checks open every part (EVIDENCE_PARTS).
  '/evidence/*': { by: ['student'] },
  '/log': { by: ['student'] },
  '/journal': { by: ['student'] },
  '/journal/review': { by: ['student'] },
  '/sharing': { by: ['student'] },
  '/sharing/access-log': { by: ['student'] },
  '/story': { by: ['student'] },
  '/settings': { by: ['student', 'advisor'] },
  '/advisor': { by: ['advisor'] },
  '/advisor/students/:id': { by: ['advisor'] },
  '/advisor/accept': { by: ['student', 'advisor'] },
  '/*': { by: ['visitor'] },
};

/** The routes a viewer must be checked on. */
export function routesFor(viewer: Viewer): string[] {
  return Object.entries(ROUTE_COVERAGE)
    .filter(([, entry]) => 'by' in entry && entry.by.includes(viewer))
    .map(([route]) => route);
}

/** One test's axe checks: which routes it checked, as whom, and what axe found. */
export class AxeRun {
  readonly checked = new Set<string>();
  readonly findings: Finding[] = [];

  constructor(private readonly viewer: Viewer) {}

  /**
   * Waits until the page shows its content (`ready`, no loading placeholder, fonts in), then runs
   * axe at phone size. A violation fails the test softly, so one run lists every page's violations.
   */
  async check(page: Page, route: string, state: string, ready: Locator): Promise<void> {
    if (!(route in ROUTE_COVERAGE)) throw new Error(`${route} is not in ROUTE_COVERAGE`);
    const name = `${this.viewer} ${route}${state ? ` (${state})` : ''}`;
    const size = page.viewportSize();
    if (size?.width !== PHONE.width || size.height !== PHONE.height) {
      await page.setViewportSize({ width: PHONE.width, height: PHONE.height });
    }
    // A slow shared machine can take seconds to fetch a page's chunk: wait longer than the default.
    await expect(ready, `${name}: the content to check`).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('.loading'), `${name}: still loading`).toHaveCount(0, { timeout: 30_000 });
    await page.evaluate(() => document.fonts.ready);
    const findings = await runAxe(page, name);
    // A11Y_SHOTS=<dir>: a picture of each checked page, to compare the look before and after a fix.
    if (process.env.A11Y_SHOTS) {
      const file = name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
      await page.screenshot({ path: path.join(process.env.A11Y_SHOTS, `${file}.png`), fullPage: true });
    }
    this.findings.push(...findings);
    this.checked.add(route);
    expect.soft(findings.length === 0 ? '' : `\n${formatFindings(findings)}`, `axe on ${name}`).toBe('');
  }

  /** Every route this viewer is listed for was checked. */
  expectAllChecked(): void {
    expect([...this.checked].sort(), `routes checked as ${this.viewer}`).toEqual(routesFor(this.viewer).sort());
  }
}
