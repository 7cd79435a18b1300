/**
 * Issue 13: a write whose response is lost after the commit, then retried, is applied exactly once.
 *
 * A TCP proxy in front of the instance forwards each request untouched and, in "drop" mode, cuts
 * the client's connection the moment the server starts answering: the server has committed, the
 * phone sees a network error (as in a basement with one bar of signal). The phone then retries the
 * same write with the same Idempotency-Key (on PostgreSQL to the other instance). The account
 * export must hold exactly one copy of every write. The same drop without a key is the control: it
 * shows the retry would otherwise double the write.
 */
import net from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { type Reply, type User, expectStatus, report, signUp } from './lib/client.ts';
import { describeEachKind, startDeployment, type Deployment } from './lib/deployment.ts';
import { createClock, type Instance } from './lib/instance.ts';
import { blockBody, exportOf, PLAN_MADE_AT } from './lib/students.ts';

const WRITES = 12;
const TODAY = PLAN_MADE_AT.slice(0, 10);

/** A proxy to `target` that, while `dropResponses` is set, closes the client socket instead of answering. */
async function startDroppingProxy(target: Instance) {
  const state = { dropResponses: true, dropped: 0 };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, '127.0.0.1');
    client.pipe(upstream);
    upstream.on('data', (chunk) => {
      if (state.dropResponses) {
        state.dropped++;
        client.destroy();
        upstream.destroy();
      } else {
        client.write(chunk);
      }
    });
    upstream.on('end', () => client.end());
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    state,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describeEachKind('a response lost after the commit, then a retry', (kind) => {
  const clock = createClock(PLAN_MADE_AT);
  let deployment: Deployment;
  let proxy: Awaited<ReturnType<typeof startDroppingProxy>>;
  let student: User;
  const firstTries: Reply[] = [];
  const retries: Reply[] = [];
  let keyedIds: string[] = [];
  let controlDoubles = 0;
  let keyedStored = 0;
  let keyedStoredIds: string[] = [];

  beforeAll(async () => {
    deployment = await startDeployment(kind, clock);
    const [first] = deployment.instances;
    const retryTo = deployment.instances[1] ?? first!;
    proxy = await startDroppingProxy(first!);
    student = await signUp(first!, `lost-${kind}`);
    expectStatus(
      await student.request(first!, 'PUT', '/api/profile', { body: buildProfileInput({ timeZone: 'UTC' }) }),
      200,
      'PUT /api/profile',
      first,
    );

    for (let i = 0; i < WRITES; i++) {
      const key = crypto.randomUUID();
      const body = { ...blockBody(TODAY, 20), correct: i % 20 };
      firstTries.push(
        await student.request(proxy, 'POST', '/api/evidence/blocks', { body, headers: { 'idempotency-key': key } }),
      );
      // The phone retries until it hears an answer (here at once; the web client backs off).
      retries.push(
        await student.request(retryTo, 'POST', '/api/evidence/blocks', { body, headers: { 'idempotency-key': key } }),
      );
    }
    keyedIds = retries.map((reply) => (reply.body as { id: string }).id);

    // Control: the same lost response, retried without a key.
    const storedBeforeControl = (await exportOf(first!, student)).blocks;
    keyedStored = storedBeforeControl.length;
    keyedStoredIds = storedBeforeControl.map((block) => block.id);
    const before = keyedStored;
    const body = { ...blockBody(TODAY, 20), correct: 19 };
    await student.request(proxy, 'POST', '/api/evidence/blocks', { body });
    await student.request(retryTo, 'POST', '/api/evidence/blocks', { body });
    controlDoubles = (await exportOf(first!, student)).blocks.length - before - 1;
  });

  afterAll(async () => {
    await proxy?.close();
    await deployment?.close();
    clock.remove();
  });

  it('lost every first answer, and every retry answered the stored 201', () => {
    expect(firstTries.every((reply) => reply.status === 0)).toBe(true);
    for (const reply of retries) {
      expect(reply.status).toBe(201);
      expect(reply.headers?.get('idempotent-replayed')).toBe('true');
    }
  });

  it('stores every write exactly once (0 doubles), while the keyless control doubles', () => {
    const doubles = keyedStored - WRITES;
    report(
      `[${kind}] lost responses: ${firstTries.filter((r) => r.status === 0).length}/${WRITES} first answers cut after ` +
        `the commit, ${retries.filter((r) => r.status === 201).length} retries answered 201 (replayed), ` +
        `${keyedStored} blocks stored for ${WRITES} keyed writes (doubles: ${doubles}); ` +
        `keyless control: ${controlDoubles} double`,
    );
    for (const id of keyedIds) expect(keyedStoredIds).toContain(id);
    expect(new Set(keyedIds).size).toBe(WRITES);
    expect(doubles).toBe(0);
    expect(controlDoubles).toBe(1);
  });
});
