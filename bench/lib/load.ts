/**
 * A thin, typed wrapper over autocannon that returns the figures the report prints.
 *
 * Several targets are measured interleaved: each is warmed up, then the measuring time is cut into
 * rounds and every round runs each target once (A B A B …). Background load on a shared machine
 * then hits all targets alike, and per-round ratios show how stable a comparison is.
 *
 * autocannon's own latency histogram has 1 ms resolution, which hides everything on a fast local
 * endpoint (p50 shows as 0 or 1 ms), so latency percentiles come from a µs histogram fed by the
 * per-response event instead; request counts and error counts come from autocannon's result.
 */
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';
import autocannon from 'autocannon';
import type { Settings } from './settings.ts';

export type Target = {
  /** Short name shown in the table, e.g. "GET /api/profile". */
  name: string;
  url: string;
  /**
   * The same request on more servers (other app instances on one database): the connections are
   * split evenly over `url` and these, run at the same time, and the figures are summed.
   */
  moreUrls?: readonly string[];
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
  /** Called with every response of the measured rounds (never the warm-up's): status and body. */
  onResponse?: (status: number, body: string) => void;
};

export type Measurement = {
  name: string;
  seconds: number;
  connections: number;
  requests: number;
  /** Requests per second over the whole measuring time. */
  rps: number;
  /** Requests per second in each round, in order. */
  roundRps: number[];
  latencyMeanMs: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
};

/** What the accumulator needs of an autocannon result (several, summed, for a multi-server target). */
type Totals = Pick<autocannon.Result, 'duration' | 'non2xx' | 'errors' | 'timeouts' | 'statusCodeStats'> & {
  requests: { total: number };
};
type Run = { result: Totals; micros: RecordableHistogram };

function fireOne(
  url: string,
  target: Target,
  seconds: number,
  connections: number,
  settings: Settings,
  micros: RecordableHistogram,
  onResponse: Target['onResponse'],
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: target.method ?? 'GET',
        headers: target.headers ?? {},
        ...(target.body === undefined ? {} : { body: target.body }),
        ...(onResponse
          ? { requests: [{ onResponse: (status: number, body: string) => onResponse(status, body) }] }
          : {}),
        connections,
        pipelining: settings.pipelining,
        duration: seconds,
        timeout: 10,
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(result);
      },
    );
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => {
      micros.record(Math.max(1, Math.round(responseTimeMs * 1000)));
    });
  });
}

async function fire(target: Target, seconds: number, settings: Settings, isMeasured: boolean): Promise<Run> {
  const micros = createHistogram();
  const urls = [target.url, ...(target.moreUrls ?? [])];
  const share = Math.floor(settings.connections / urls.length);
  const results = await Promise.all(
    urls.map((url, i) =>
      fireOne(
        url,
        target,
        seconds,
        Math.max(1, share + (i === 0 ? settings.connections - share * urls.length : 0)),
        settings,
        micros,
        isMeasured ? target.onResponse : undefined,
      ),
    ),
  );
  const statusCodeStats: Totals['statusCodeStats'] = {};
  for (const result of results) {
    for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
      const key = code as keyof Totals['statusCodeStats'];
      statusCodeStats[key] = { count: (statusCodeStats[key]?.count ?? 0) + (stat.count ?? 0) };
    }
  }
  const sum = (pick: (r: autocannon.Result) => number) => results.reduce((total, r) => total + pick(r), 0);
  return {
    result: {
      duration: Math.max(...results.map((r) => r.duration)),
      requests: { total: sum((r) => r.requests.total) },
      non2xx: sum((r) => r.non2xx),
      errors: sum((r) => r.errors),
      timeouts: sum((r) => r.timeouts),
      statusCodeStats,
    },
    micros,
  };
}

class Accumulator {
  readonly micros = createHistogram();
  readonly roundRps: number[] = [];
  seconds = 0;
  requests = 0;
  non2xx = 0;
  errors = 0;
  timeouts = 0;
  readonly statusCounts: Record<string, number> = {};

  constructor(
    readonly target: Target,
    readonly connections: number,
  ) {}

  add({ result, micros }: Run): void {
    this.micros.add(micros);
    this.seconds += result.duration;
    this.requests += result.requests.total;
    this.roundRps.push(result.duration > 0 ? result.requests.total / result.duration : 0);
    this.non2xx += result.non2xx;
    this.errors += result.errors;
    this.timeouts += result.timeouts;
    for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) {
      this.statusCounts[code] = (this.statusCounts[code] ?? 0) + (stat.count ?? 0);
    }
  }

  toMeasurement(): Measurement {
    const ms = (us: number) => us / 1000;
    const empty = this.micros.count === 0;
    return {
      name: this.target.name,
      seconds: this.seconds,
      connections: this.connections,
      requests: this.requests,
      rps: this.seconds > 0 ? this.requests / this.seconds : 0,
      roundRps: this.roundRps,
      latencyMeanMs: empty ? Number.NaN : ms(this.micros.mean),
      latencyP50Ms: empty ? Number.NaN : ms(this.micros.percentile(50)),
      latencyP99Ms: empty ? Number.NaN : ms(this.micros.percentile(99)),
      latencyMaxMs: empty ? Number.NaN : ms(this.micros.max),
      non2xx: this.non2xx,
      errors: this.errors,
      timeouts: this.timeouts,
      statusCounts: { ...this.statusCounts },
    };
  }
}

/**
 * Warms each target up (results discarded, `onResponse` not called), then runs `settings.rounds` rounds in which every
 * target gets `settings.seconds / settings.rounds` seconds. `onProgress` is told what runs next.
 */
export async function measureInterleaved(
  targets: readonly Target[],
  settings: Settings,
  onProgress: (message: string) => void = () => {},
): Promise<Measurement[]> {
  if (settings.warmupSeconds > 0) {
    for (const target of targets) {
      onProgress(`warm-up ${target.name} for ${settings.warmupSeconds} s`);
      await fire(target, settings.warmupSeconds, settings, false);
    }
  }
  const slice = settings.seconds / settings.rounds;
  const accumulators = targets.map((target) => new Accumulator(target, settings.connections));
  for (let round = 1; round <= settings.rounds; round++) {
    onProgress(`round ${round}/${settings.rounds}: ${targets.map((t) => t.name).join(', ')}, ${slice} s each`);
    for (const acc of accumulators) acc.add(await fire(acc.target, slice, settings, true));
  }
  return accumulators.map((acc) => acc.toMeasurement());
}

/** Every request answered 2xx, with no connection errors or timeouts. */
export function isClean(m: Measurement): boolean {
  return m.requests > 0 && m.non2xx === 0 && m.errors === 0 && m.timeouts === 0;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? Number.NaN) + upper) / 2;
}
