/**
 * Proof 3 (issue 8): a password change ends every session made with the old password, including
 * sign-ins with the old password that race the change.
 *
 * 10 rounds. In each, one session changes the password on one instance while sign-ins with the
 * current (soon old) password go to the other (the instances take turns), spread evenly over the time a change takes (measured on the
 * previous round), so that some verify the old password before the change and finish after it. Afterwards every
 * session a sign-in with an old password obtained must be signed out (401 on GET /api/auth/me, on
 * both instances), and the session that made the changes must still be signed in.
 *
 * The pinned clock moves 16 minutes between rounds: the old-password sign-ins that fail count as
 * failed attempts, and the throttle's 15-minute window must not be what refuses the next round.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Reply, User, report, signUp, tally } from './lib/client.ts';
import { describeEachKind, startDeployment, type Deployment } from './lib/deployment.ts';
import { createClock } from './lib/instance.ts';
import { PLAN_MADE_AT } from './lib/students.ts';

const ROUNDS = 10;
const SIGN_INS_PER_ROUND = 12;
/**
 * The sign-ins of a round start evenly between these shares of the previous change's duration: a
 * sign-in that reads the old hash shortly before the change commits, and stores its session just
 * after, is the one a change must still end.
 */
const SPREAD = { from: 0.1, to: 1.1 } as const;

const passwordOf = (round: number) => `river-lantern-orbit-${round}-quiet`;

describeEachKind('password changes racing old-password sign-ins', (kind) => {
  const clock = createClock(PLAN_MADE_AT);
  let deployment: Deployment;
  let changer: User;
  const changes: Reply[] = [];
  const oldSessions: { round: number; user: User }[] = [];
  const signIns: Reply[] = [];

  beforeAll(async () => {
    deployment = await startDeployment(kind, clock);
    const { instances } = deployment;
    const on = (i: number) => instances[i % instances.length]!;
    changer = await signUp(on(0), `changer-${kind}`, passwordOf(0));
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    let changeMs = 150;
    for (let round = 0; round < ROUNDS; round++) {
      clock.set(new Date(new Date(PLAN_MADE_AT).getTime() + round * 16 * 60_000).toISOString());
      const oldPassword = passwordOf(round);
      const started = performance.now();
      const change = changer.request(on(round), 'POST', '/api/account/password', {
        body: { currentPassword: oldPassword, newPassword: passwordOf(round + 1) },
      });
      const attempts = Array.from({ length: SIGN_INS_PER_ROUND }, async (_, i) => {
        await sleep(changeMs * (SPREAD.from + ((SPREAD.to - SPREAD.from) * i) / (SIGN_INS_PER_ROUND - 1)));
        const user = new User(changer.email, oldPassword);
        // On PostgreSQL the sign-ins go to the other instance than the change: a process of their
        // own, so their password checks do not delay the change they race.
        const reply = await user.request(on(round + 1), 'POST', '/api/auth/sign-in', {
          body: { email: changer.email, password: oldPassword },
        });
        signIns.push(reply);
        if (reply.status === 200) oldSessions.push({ round, user });
      });
      const [changed] = await Promise.all([
        change.then((reply) => {
          changeMs = performance.now() - started;
          return reply;
        }),
        ...attempts,
      ]);
      changes.push(changed);
      if (changed.status !== 200) break;
    }
  });

  afterAll(async () => {
    await deployment?.close();
    clock.remove();
  });

  it(`made ${ROUNDS} password changes`, () => {
    report(
      `[${kind}] changes: ${JSON.stringify(tally(changes))}; old-password sign-ins: ${JSON.stringify(tally(signIns))}`,
    );
    expect(changes.map((c) => c.status)).toEqual(Array.from({ length: ROUNDS }, () => 200));
  });

  it('no session made with an old password is alive afterwards, on either instance', async () => {
    const alive: string[] = [];
    let live = 0;
    for (const { round, user } of oldSessions) {
      let isAlive = false;
      for (const instance of deployment.instances) {
        const me = await user.request(instance, 'GET', '/api/auth/me');
        if (me.status !== 401) {
          alive.push(`round ${round} on ${instance.name}: ${me.status}`);
          isAlive = true;
        }
      }
      if (isAlive) live++;
    }
    report(`[${kind}] old-password sessions: ${oldSessions.length} made, ${live} alive after the changes`);
    expect(alive.length, `${alive.length} alive: ${alive.slice(0, 6).join('; ')}`).toBe(0);
  });

  it('the session that changed the password is still signed in', async () => {
    for (const instance of deployment.instances) {
      expect((await changer.request(instance, 'GET', '/api/auth/me')).status).toBe(200);
    }
  });

  it('every instance is still running', () => {
    for (const instance of deployment.instances) expect(instance.isRunning(), instance.output()).toBe(true);
  });
});
