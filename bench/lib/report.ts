/** Plain-text tables for the terminal. */
import type { Measurement } from './load.ts';
import type { Check } from './suite.ts';

type Align = 'left' | 'right';

export function table(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
): string {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => {
        const width = widths[i] ?? 0;
        return (align[i] ?? 'left') === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

function statusSummary(m: Measurement): string {
  const bad = Object.entries(m.statusCounts).filter(([code]) => !code.startsWith('2'));
  return bad.length === 0 ? '' : ` (${bad.map(([code, count]) => `${code}×${count}`).join(', ')})`;
}

export function measurementTable(measurements: readonly Measurement[]): string {
  return table(
    ['name', 'req/s (mean)', 'rounds min–max', 'p50 ms', 'p99 ms', 'max ms', 'requests', 'errors', 'non-2xx'],
    measurements.map((m) => [
      m.name,
      fixed(m.rps, 0),
      m.roundRps.length > 1 ? `${fixed(Math.min(...m.roundRps), 0)}–${fixed(Math.max(...m.roundRps), 0)}` : '',
      fixed(m.latencyP50Ms, 2),
      fixed(m.latencyP99Ms, 2),
      fixed(m.latencyMaxMs, 2),
      String(m.requests),
      String(m.errors + m.timeouts),
      `${m.non2xx}${statusSummary(m)}`,
    ]),
    ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  );
}

export function checkTable(checks: readonly Check[]): string {
  return table(
    ['check', 'value', 'target', 'result', 'detail'],
    checks.map((c) => [c.name, fixed(c.value, 2), c.target, c.passed ? 'PASS' : 'BELOW', c.detail ?? '']),
    ['left', 'right', 'left', 'left', 'left'],
  );
}

export function heading(text: string): string {
  return `\n${text}\n${'='.repeat(text.length)}`;
}
