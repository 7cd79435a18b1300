/** What a benchmark suite is, and what it hands back to the runner. */
import type { Measurement } from './load.ts';
import type { RunningServer, StartOptions } from './server.ts';
import type { Settings } from './settings.ts';

/** A derived figure compared with a target, e.g. "profile rps / healthz rps ≥ 0.5". */
export type Check = {
  name: string;
  value: number;
  /** Shown as written, e.g. "≥ 0.5". */
  target: string;
  passed: boolean;
  /** Extra context, e.g. the value in each round. */
  detail?: string;
};

export type SuiteResult = {
  measurements: Measurement[];
  checks: Check[];
  /** Extra tables, printed as they are (e.g. sizes of the files of the first page). */
  tables?: string[];
  notes?: string[];
};

export type SuiteContext = {
  settings: Settings;
  /** Starts a server the runner stops (and whose data directory it removes), even on failure. */
  startServer(options?: StartOptions): Promise<RunningServer>;
  /** Progress output (stderr, so the report on stdout stays clean). */
  log(message: string): void;
};

export type Suite = {
  name: string;
  description: string;
  run(ctx: SuiteContext): Promise<SuiteResult>;
};
