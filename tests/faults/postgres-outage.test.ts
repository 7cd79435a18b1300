/**
 * Proof 5 (issue 8): the app instances outlive their database going away.
 *
 * Two instances on a PRIVATE PostgreSQL server (initdb'd by the test, see lib/postgres.ts; the
 * shared server other tests use is never touched), under a steady load of profile reads and block
 * logs on both. Then: every connection of theirs is ended with pg_terminate_backend; later the
 * server is stopped (pg_ctl stop -m fast), held down, and started again. Throughout, every request
 * must be answered — 2xx, or 503 with a JSON body while the database is unusable — and never by a
 * connection reset; /readyz says 503 while the server is down and 200 once it is back; both
 * instances recover by themselves, with no restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { type Reply, type User, expectStatus, report, send, signUp, tally } from './lib/client.ts';
import { startDeployment, type Deployment } from './lib/deployment.ts';
import { createClock, type Instance } from './lib/instance.ts';
import {
  IS_CI,
  privateClusterUnavailableReason,
  startPrivateCluster,
  terminateConnections,
  type PrivateCluster,
} from './lib/postgres.ts';
import { blockBody, PLAN_MADE_AT } from './lib/students.ts';

type Phase = 'before' | 'terminated' | 'down' | 'restarted';
type Observation = { phase: Phase; endPhase: Phase; what: string; instance: string; reply: Reply };

const LOAD_WORKERS = 4;
const LOAD_PAUSE_MS = 20;
const RECOVERY_TIMEOUT_MS = 20_000;
const TODAY = PLAN_MADE_AT.slice(0, 10);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const isJson503 = (r: Reply) => r.status === 503 && r.isJson;
/** An answer a client can live with while the database is unusable. */
const isAcceptable = (r: Reply) => (r.status >= 200 && r.status < 300) || isJson503(r);

const unavailable = privateClusterUnavailableReason();
if (unavailable && IS_CI) throw new Error(`the PostgreSQL outage test cannot run under CI: ${unavailable}`);
if (unavailable) process.stderr.write(`note: PostgreSQL outage test skipped: ${unavailable}\n`);

function summarize(observations: Observation[]): string {
  return `${observations.length} wrong, ${JSON.stringify(tally(observations.map((o) => o.reply)))}; first: ${observations
    .slice(0, 5)
    .map((o) => `${o.phase} ${o.instance} ${o.what}: ${o.reply.status} ${o.reply.error ?? ''}`)
    .join('; ')}`;
}

/** Polls until `probe` answers 200 on `instance` (or the instance dies, or time runs out). */
async function until200(instance: Instance, probe: () => Promise<Reply>): Promise<Reply> {
  const deadline = performance.now() + RECOVERY_TIMEOUT_MS;
  let last = await probe();
  while (last.status !== 200 && instance.isRunning() && performance.now() < deadline) {
    await sleep(200);
    last = await probe();
  }
  return last;
}

(unavailable ? describe.skip : describe)('PostgreSQL going away under load [postgres, private server]', () => {
  const clock = createClock(PLAN_MADE_AT);
  let cluster: PrivateCluster;
  let deployment: Deployment & { databaseName: string | null };
  let student: User;
  let phase: Phase = 'before';
  const load: Observation[] = [];
  const seen: Record<string, Record<string, Reply>> = {};
  let terminated = 0;
  const runningAt: Record<string, boolean[]> = {};

  const note = (step: string, instance: Instance, reply: Reply) => {
    (seen[step] ??= {})[instance.name] = reply;
  };
  const alive = (step: string) => {
    runningAt[step] = deployment.instances.map((i) => i.isRunning());
  };

  beforeAll(async () => {
    cluster = await startPrivateCluster();
    deployment = await startDeployment('postgres', clock, { serverUrl: cluster.serverUrl });
    const { instances } = deployment;
    student = await signUp(instances[0]!, 'outage');
    expectStatus(
      await student.request(instances[1]!, 'PUT', '/api/profile', { body: buildProfileInput({ timeZone: 'UTC' }) }),
      200,
      'PUT /api/profile',
      instances[1],
    );
    for (const instance of instances) note('readyz before', instance, await send(instance, 'GET', '/readyz'));

    let isLoading = true;
    const worker = async (w: number) => {
      for (let n = 0; isLoading; n++) {
        const instance = instances[(w + n) % instances.length]!;
        const isWrite = n % 2 === 1;
        const started = phase;
        const reply = isWrite
          ? await student.request(instance, 'POST', '/api/evidence/blocks', {
              body: blockBody(TODAY),
              timeoutMs: 15_000,
            })
          : await student.request(instance, 'GET', '/api/profile', { timeoutMs: 15_000 });
        load.push({
          phase: started,
          endPhase: phase,
          what: isWrite ? 'log a block' : 'read the profile',
          instance: instance.name,
          reply,
        });
        await sleep(LOAD_PAUSE_MS);
      }
    };
    const workers = Array.from({ length: LOAD_WORKERS }, (_, w) => worker(w));
    try {
      await sleep(500);

      phase = 'terminated';
      terminated += await terminateConnections(cluster.serverUrl, deployment.databaseName!);
      await sleep(300);
      terminated += await terminateConnections(cluster.serverUrl, deployment.databaseName!);
      await sleep(1_000);
      alive('after terminate');
      for (const instance of instances) {
        note(
          'profile after terminate',
          instance,
          await until200(instance, () => student.request(instance, 'GET', '/api/profile')),
        );
      }

      phase = 'down';
      cluster.stop();
      await sleep(1_000);
      alive('while down');
      for (const instance of instances) {
        note('readyz while down', instance, await send(instance, 'GET', '/readyz'));
        note('profile while down', instance, await student.request(instance, 'GET', '/api/profile'));
        note(
          'block while down',
          instance,
          await student.request(instance, 'POST', '/api/evidence/blocks', { body: blockBody(TODAY) }),
        );
      }
      await sleep(1_000);

      cluster.start();
      phase = 'restarted';
      for (const instance of instances) {
        note('readyz after restart', instance, await until200(instance, () => send(instance, 'GET', '/readyz')));
      }
      for (const instance of instances) {
        note(
          'profile after restart',
          instance,
          await until200(instance, () => student.request(instance, 'GET', '/api/profile')),
        );
        note(
          'block after restart',
          instance,
          await student.request(instance, 'POST', '/api/evidence/blocks', { body: blockBody(TODAY) }),
        );
      }
      await sleep(300);
      alive('after restart');
    } finally {
      isLoading = false;
      await Promise.all(workers);
    }
  });

  afterAll(async () => {
    await deployment?.close();
    cluster?.destroy();
    clock.remove();
  });

  const each = (step: string, check: (reply: Reply) => boolean) => {
    const replies = seen[step] ?? {};
    const wrong = Object.entries(replies).filter(([, reply]) => !check(reply));
    expect(Object.keys(replies), `no observation "${step}"`).toHaveLength(2);
    expect(
      wrong.map(
        ([name, r]) => `${name}: ${r.status}${r.error ? ` ${r.error}` : ''} ${JSON.stringify(r.body).slice(0, 200)}`,
      ),
      step,
    ).toEqual([]);
  };

  it('was ready before the faults', () => each('readyz before', (r) => r.status === 200));

  it('both instances survive pg_terminate_backend of all their connections and answer again', () => {
    report(`outage: pg_terminate_backend ended ${terminated} connections`);
    expect(runningAt['after terminate'], 'running after pg_terminate_backend').toEqual([true, true]);
    each('profile after terminate', (r) => r.status === 200);
  });

  it('while their connections are terminated, every request answers 2xx or 503 with a JSON body', () => {
    const replies = load.filter((o) => o.phase === 'terminated');
    report(`outage: load while connections were ended: ${JSON.stringify(tally(replies.map((o) => o.reply)))}`);
    expect(
      replies.filter((o) => !isAcceptable(o.reply)).map((o) => `${o.instance} ${o.what}: ${o.reply.status}`),
    ).toEqual([]);
  });

  it('/readyz answers 503 while PostgreSQL is down', () => each('readyz while down', isJson503));

  it('requests answer 503 with a JSON body while PostgreSQL is down, never a reset', () => {
    expect(runningAt['while down'], 'running while PostgreSQL is down').toEqual([true, true]);
    each('profile while down', isJson503);
    each('block while down', isJson503);
    const replies = load.filter((o) => o.phase === 'down' && o.endPhase === 'down');
    report(`outage: load while the server was down: ${JSON.stringify(tally(replies.map((o) => o.reply)))}`);
    expect(replies.filter((o) => !isJson503(o.reply)).map((o) => `${o.instance} ${o.what}: ${o.reply.status}`)).toEqual(
      [],
    );
  });

  it('/readyz answers 200 again after the restart, with no app restart', () => {
    each('readyz after restart', (r) => r.status === 200);
    expect(runningAt['after restart'], 'running after the restart').toEqual([true, true]);
  });

  it('after the restart, reads and writes succeed on both instances', () => {
    each('profile after restart', (r) => r.status === 200);
    each('block after restart', (r) => r.status === 201);
  });

  it('no request was ever answered by a connection reset, and no instance exited', () => {
    const resets = load.filter((o) => o.reply.status === 0);
    report(`outage: load over the whole run: ${JSON.stringify(tally(load.map((o) => o.reply)))}`);
    expect(resets.length, summarize(resets)).toBe(0);
    for (const instance of deployment.instances) expect(instance.isRunning(), instance.output()).toBe(true);
  });
});
