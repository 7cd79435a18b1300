/**
 * Whether this instance should be sent traffic, apart from the database answering: an instance
 * waiting for `npm run migrate` (MIGRATE_ON_START=false) is not ready yet, and one that got SIGTERM
 * is draining. /readyz reports it; the app refuses API requests only while the schema is behind
 * (it cannot serve them), and keeps serving while it drains.
 */
export type ReadinessState = 'waiting-for-migrations' | 'serving' | 'draining';

export type Readiness = {
  state(): ReadinessState;
  /** The schema is at the latest migration: serve. */
  markServing(): void;
  /** SIGTERM: /readyz answers 503 from now on and every response closes its connection. */
  markDraining(): void;
};

export function createReadiness(initial: ReadinessState = 'serving'): Readiness {
  let current = initial;
  return {
    state: () => current,
    markServing() {
      if (current === 'waiting-for-migrations') current = 'serving';
    },
    markDraining() {
      current = 'draining';
    },
  };
}

/** What /readyz says for each state that is not ready. */
export const NOT_READY_STATUS: Record<Exclude<ReadinessState, 'serving'>, string> = {
  'waiting-for-migrations': 'waiting for migrations',
  draining: 'shutting down',
};
