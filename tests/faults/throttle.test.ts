/**
 * Proof 2 (issue 8): the password throttles hold against parallel guesses across instances.
 *
 * - A burst of 300 wrong passwords for one account, split across the instances: at most the limit
 *   (5) are checked (401 INVALID_CREDENTIALS); the rest are refused (429 LOGIN_THROTTLED); once 5
 *   have been checked, the correct password is refused too.
 * - The same for password confirmations (a wrong current password on POST /api/account/password).
 * - The per-address limit (50): 120 wrong sign-ins for 120 different emails from one address.
 *
 * Each case comes from its own client address (X-Forwarded-For; the instances trust their proxy),
 * so one case's failures cannot throttle another.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASSWORD, type Reply, send, signUp, tally, report } from './lib/client.ts';
import { describeEachKind, startDeployment, type Deployment } from './lib/deployment.ts';
import { createClock } from './lib/instance.ts';
import { PLAN_MADE_AT } from './lib/students.ts';

const BURST = 300;
const CONFIRMATION_BURST = 30;
const ADDRESS_BURST = 120;
const LIMIT_PER_EMAIL = 5;
const LIMIT_PER_ADDRESS = 50;

const codeOf = (r: Reply) => (r.isJson ? (r.body as { error?: { code?: string } }).error?.code : undefined);
const checked = (replies: Reply[]) => replies.filter((r) => r.status === 401 && codeOf(r) === 'INVALID_CREDENTIALS');
const unexpected = (replies: Reply[]) =>
  replies.filter(
    (r) =>
      !(r.status === 401 && codeOf(r) === 'INVALID_CREDENTIALS') &&
      !(r.status === 429 && codeOf(r) === 'LOGIN_THROTTLED'),
  );

describeEachKind('password throttles under parallel guesses', (kind) => {
  const clock = createClock(PLAN_MADE_AT);
  let deployment: Deployment;
  let burst: Reply[] = [];
  const topUp: Reply[] = [];
  let correctAfter: Reply;
  let confirmations: Reply[] = [];
  let byAddress: Reply[] = [];

  beforeAll(async () => {
    deployment = await startDeployment(kind, clock);
    const { instances } = deployment;
    const on = (i: number) => instances[i % instances.length]!;
    const from = (address: string) => ({ 'x-forwarded-for': address });

    const victim = await signUp(on(0), `throttle-${kind}`);
    burst = await Promise.all(
      Array.from({ length: BURST }, (_, i) =>
        send(on(i), 'POST', '/api/auth/sign-in', {
          body: { email: victim.email, password: `wrong-guess-${i}` },
          headers: from('198.51.100.1'),
        }),
      ),
    );
    // The limit is 5 wrong passwords checked. A burst may check fewer (a throttle may refuse early
    // under a burst): then wrong guesses, one at a time, bring the checked count up to the limit
    // (stopping at the first refusal), so that what follows is the correct password after the limit.
    let checkedSoFar = checked(burst).length;
    while (checkedSoFar < LIMIT_PER_EMAIL) {
      const reply = await send(on(checkedSoFar), 'POST', '/api/auth/sign-in', {
        body: { email: victim.email, password: `wrong-top-up-${checkedSoFar}` },
        headers: from('198.51.100.1'),
      });
      topUp.push(reply);
      if (checked([reply]).length === 0) break;
      checkedSoFar++;
    }
    correctAfter = await send(on(1), 'POST', '/api/auth/sign-in', {
      body: { email: victim.email, password: PASSWORD },
      headers: from('198.51.100.9'),
    });

    const holder = await signUp(on(1), `confirm-${kind}`);
    confirmations = await Promise.all(
      Array.from({ length: CONFIRMATION_BURST }, (_, i) =>
        holder.request(on(i), 'POST', '/api/account/password', {
          body: { currentPassword: `wrong-current-${i}`, newPassword: 'an entirely new phrase 73' },
          headers: from('198.51.100.2'),
        }),
      ),
    );

    byAddress = await Promise.all(
      Array.from({ length: ADDRESS_BURST }, (_, i) =>
        send(on(i), 'POST', '/api/auth/sign-in', {
          body: { email: `nobody-${i}-${kind}@school.edu`, password: `wrong-guess-${i}` },
          headers: from('198.51.100.3'),
        }),
      ),
    );
  });

  afterAll(async () => {
    await deployment?.close();
    clock.remove();
  });

  it(`checks at most ${LIMIT_PER_EMAIL} of ${BURST} parallel wrong passwords for one account`, () => {
    report(`[${kind}] sign-in burst of ${BURST}: ${JSON.stringify(tally(burst))}`);
    expect(unexpected(burst).length, JSON.stringify(tally(burst))).toBe(0);
    expect(checked(burst).length, JSON.stringify(tally(burst))).toBeLessThanOrEqual(LIMIT_PER_EMAIL);
  });

  it('refuses the correct password once the limit is reached', () => {
    report(
      `[${kind}] after the burst: ${topUp.length} wrong guess(es) to reach the limit ${JSON.stringify(tally(topUp))}`,
    );
    expect(correctAfter.status, JSON.stringify(correctAfter.body)).toBe(429);
    expect(codeOf(correctAfter)).toBe('LOGIN_THROTTLED');
  });

  it(`checks at most ${LIMIT_PER_EMAIL} of ${CONFIRMATION_BURST} parallel wrong password confirmations`, () => {
    report(`[${kind}] confirmation burst of ${CONFIRMATION_BURST}: ${JSON.stringify(tally(confirmations))}`);
    expect(unexpected(confirmations).length, JSON.stringify(tally(confirmations))).toBe(0);
    expect(checked(confirmations).length, JSON.stringify(tally(confirmations))).toBeLessThanOrEqual(LIMIT_PER_EMAIL);
  });

  it(`checks at most ${LIMIT_PER_ADDRESS} of ${ADDRESS_BURST} parallel wrong sign-ins from one address`, () => {
    report(`[${kind}] per-address burst of ${ADDRESS_BURST}: ${JSON.stringify(tally(byAddress))}`);
    expect(unexpected(byAddress).length, JSON.stringify(tally(byAddress))).toBe(0);
    expect(checked(byAddress).length, JSON.stringify(tally(byAddress))).toBeLessThanOrEqual(LIMIT_PER_ADDRESS);
  });

  it('every instance is still running', () => {
    for (const instance of deployment.instances) expect(instance.isRunning(), instance.output()).toBe(true);
  });
});
