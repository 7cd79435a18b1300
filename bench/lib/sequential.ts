/** One-at-a-time timing: in-process calls or single requests, where latency ≈ the server's time. */
import { performance } from 'node:perf_hooks';
import type { Measurement } from './load.ts';

/** The value at quantile `q` (0–1) of ascending `sorted`. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

/** Runs `fn` `runs` times after `warmup` discarded runs; returns the times in ms, ascending. */
export async function timeSequentially(runs: number, fn: () => unknown, warmup = 20): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

/** GETs `url` and fails loudly on anything but 200; the body is read so the timing includes it. */
export async function fetchOk(url: string, init: RequestInit = {}): Promise<string> {
  const response = await fetch(url, init);
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status} ${body.slice(0, 200)}`);
  return body;
}

/** Sequential timings as a table row ("req/s" is 1 / mean time: one at a time, not a load test). */
export function measurementFromTimes(name: string, sortedTimes: readonly number[]): Measurement {
  const total = sortedTimes.reduce((sum, t) => sum + t, 0);
  return {
    name,
    seconds: total / 1000,
    connections: 1,
    requests: sortedTimes.length,
    rps: sortedTimes.length / (total / 1000),
    roundRps: [],
    latencyMeanMs: total / sortedTimes.length,
    latencyP50Ms: quantile(sortedTimes, 0.5),
    latencyP99Ms: quantile(sortedTimes, 0.99),
    latencyMaxMs: sortedTimes[sortedTimes.length - 1] ?? Number.NaN,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    statusCounts: {},
  };
}
