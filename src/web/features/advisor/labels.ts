import type { ReadinessVerdict } from '#domain/evidence/readiness.ts';

export const VERDICT_LABELS: Readonly<Record<ReadinessVerdict, string>> = {
  'on-track': 'On track',
  'off-track': 'Off track',
  proceed: 'Go',
  delay: 'Delay',
  'not-ready': 'Not ready',
};

export function percent(share: number | null | undefined): string {
  return share == null ? '—' : `${Math.round(share * 100)} %`;
}

/** "+1.5 / wk", "−2 / wk": the trend with a true minus sign. */
export function trend(pointsPerWeek: number | null | undefined): string {
  if (pointsPerWeek == null) return '—';
  const sign = pointsPerWeek > 0 ? '+' : pointsPerWeek < 0 ? '−' : '';
  return `${sign}${Math.abs(pointsPerWeek)} / wk`;
}
