/**
 * Proof 6 (issue 8): no acknowledged logging write is lost when an instance is killed mid-stream.
 *
 * A stream of POST /api/evidence/blocks (the batched path: group commit on SQLite) from 16
 * parallel clients to one instance; once 150 blocks are acknowledged, kill -9 with requests still
 * in flight. The instance is started again on the same database (and port), and the ids of every
 * 201 answer are looked for among the stored blocks (the account export). Requests the kill cut off
 * may or may not be stored; every acknowledged one must be.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { type Reply, type User, expectStatus, report, signUp, tally } from './lib/client.ts';
import { describeEachKind, startDeployment, type Deployment } from './lib/deployment.ts';
import { createClock, type Instance } from './lib/instance.ts';
import { blockBody, exportOf, PLAN_MADE_AT } from './lib/students.ts';

const WRITERS = 16;
const ACKNOWLEDGED_BEFORE_KILL = 150;
const TODAY = PLAN_MADE_AT.slice(0, 10);

describeEachKind('kill -9 in the middle of a logging stream', (kind) => {
  const clock = createClock(PLAN_MADE_AT);
  let deployment: Deployment;
  let student: User;
  const acknowledged: string[] = [];
  const replies: Reply[] = [];
  let inFlightAtKill = 0;
  let killSignal: string | null = null;
  let stored: Set<string>;
  let restarted: Instance;

  beforeAll(async () => {
    deployment = await startDeployment(kind, clock);
    const victim = deployment.instances[0]!;
    student = await signUp(victim, `kill-${kind}`);
    expectStatus(
      await student.request(victim, 'PUT', '/api/profile', { body: buildProfileInput({ timeZone: 'UTC' }) }),
      200,
      'PUT /api/profile',
      victim,
    );

    let inFlight = 0;
    let killed: Promise<void> | null = null;
    const writer = async () => {
      while (!killed) {
        inFlight++;
        const reply = await student.request(victim, 'POST', '/api/evidence/blocks', {
          body: blockBody(TODAY, 20),
          timeoutMs: 15_000,
        });
        inFlight--;
        replies.push(reply);
        if (reply.status === 201) acknowledged.push((reply.body as { id: string }).id);
        if (acknowledged.length >= ACKNOWLEDGED_BEFORE_KILL && !killed) {
          inFlightAtKill = inFlight;
          killed = victim.kill9();
        }
        if (reply.status === 0) break;
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    await killed;
    killSignal = (await victim.exited).signal;

    restarted = await deployment.startAnother(`${kind}-restarted`, victim.port);
    stored = new Set((await exportOf(restarted, student)).blocks.map((b) => b.id));
  });

  afterAll(async () => {
    await deployment?.close();
    clock.remove();
  });

  it('killed the instance with -9 while requests were in flight', () => {
    report(
      `[${kind}] kill -9: ${acknowledged.length} acknowledged, ${inFlightAtKill} in flight at the kill, ` +
        `${stored?.size} stored after the restart; answers ${JSON.stringify(tally(replies))}`,
    );
    expect(killSignal).toBe('SIGKILL');
    expect(inFlightAtKill).toBeGreaterThan(0);
  });

  it('answered every write it answered with 201 (none refused or failed before the kill)', () => {
    const wrong = replies.filter((r) => r.status !== 201 && r.status !== 0);
    expect(wrong.length, JSON.stringify(tally(replies))).toBe(0);
  });

  it('stores every acknowledged block after the restart', () => {
    const lost = acknowledged.filter((id) => !stored.has(id));
    expect(lost.length, `${lost.length} of ${acknowledged.length} acknowledged blocks lost: ${lost.slice(0, 5)}`).toBe(
      0,
    );
  });

  it('stores no more blocks than were acknowledged or in flight', () => {
    expect(stored.size).toBeLessThanOrEqual(acknowledged.length + inFlightAtKill);
  });
});
