// Re-plans racing ticks and logged blocks on one student's plan, across two app instances on one
// database: no tick that answered success is lost, no block claims an item another one claimed,
// no request fails with a server error. (Issue "trust", item 1; the out-of-process version with
// real processes is tests/faults.)
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { createSecondInstance, createTestApp, signUpClient, type Client, type TestApp } from '#tests/setup/test-app.ts';

type PlanBody = { days: { date: string; items: { id: string; kind: string; status: string | null }[] }[] };

const STUDENTS = 8;
const ROUNDS = 3;

describeEachDatabase('plan races across two instances', (kind) => {
  let t: TestApp;
  let second: Awaited<ReturnType<typeof createSecondInstance>>;
  const students: Client[] = [];
  beforeAll(async () => {
    t = await createTestApp(kind);
    second = await createSecondInstance(t);
    for (let i = 0; i < STUDENTS; i++) {
      const student = await signUpClient(t.app);
      await student.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput() });
      // No rotation: a day of blocks today and every day after, so there is plenty to tick.
      const settings = buildPlanSettings({ protectedTime: [] });
      const put = await student.request({ method: 'PUT', url: '/api/plan', payload: { settings } });
      expect(put.statusCode).toBe(200);
      students.push(student);
    }
  }, 60_000);
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  /** The same student's request, sent to instance 0 or 1. */
  const send = (client: Client, instance: number, options: InjectOptions) => {
    const app: FastifyInstance = instance === 0 ? t.app : second.app;
    return app.inject({ ...options, headers: { ...(options.headers ?? {}), cookie: client.cookie } });
  };

  it('loses no acknowledged tick or block and never answers 5xx', async () => {
    type Outcome = { kind: 'tick' | 'block' | 'replan'; status: number; id?: string; planItemId?: string | null };
    const outcomes = new Map<Client, Outcome[]>();
    for (let round = 0; round < ROUNDS; round++) {
      await Promise.all(
        students.map(async (student, s) => {
          const plan = (
            await send(student, s % 2, { method: 'GET', url: '/api/plan?to=2026-11-30' })
          ).json() as PlanBody;
          const open = plan.days
            .flatMap((day) => day.items)
            .filter((item) => item.status === null && (item.kind === 'qbank-block' || item.kind === 'content-review'));
          const tickIds = open.slice(0, 8).map((item) => item.id);
          const requests: Promise<Outcome>[] = [];
          tickIds.forEach((id, i) =>
            requests.push(
              send(student, i % 2, {
                method: 'POST',
                url: `/api/plan/items/${id}`,
                payload: { status: 'done' },
              }).then((r) => ({ kind: 'tick', status: r.statusCode, id })),
            ),
          );
          for (let i = 0; i < 4; i++) {
            requests.push(
              send(student, (i + 1) % 2, {
                method: 'POST',
                url: '/api/evidence/blocks',
                payload: { bank: 'uworld', mode: 'timed', questions: 40, correct: 28, minutes: 60, date: '2026-11-24' },
              }).then((r) => ({
                kind: 'block',
                status: r.statusCode,
                ...(r.statusCode === 201 ? (r.json() as { id: string; planItemId: string | null }) : {}),
              })),
            );
          }
          // A re-plan in the middle of it, on the other instance.
          requests.push(
            send(student, (s + 1) % 2, { method: 'POST', url: '/api/plan/replan', payload: {} }).then((r) => ({
              kind: 'replan',
              status: r.statusCode,
            })),
          );
          const done = await Promise.all(requests);
          outcomes.set(student, [...(outcomes.get(student) ?? []), ...done]);
        }),
      );
    }

    for (const student of students) {
      const all = outcomes.get(student)!;
      // Then no server error at all, and the re-plans went through
      expect(all.filter((o) => o.status >= 500)).toEqual([]);
      expect(all.filter((o) => o.kind === 'replan').map((o) => o.status)).toEqual(Array(ROUNDS).fill(200));
      // Every tick either landed or was told the plan changed (never "no such item": they all existed)
      expect(all.filter((o) => o.kind === 'tick' && o.status !== 200 && o.status !== 409)).toEqual([]);
      const plan = (await send(student, 0, { method: 'GET', url: '/api/plan' })).json() as PlanBody;
      const status = new Map(plan.days.flatMap((day) => day.items).map((item) => [item.id, item.status]));
      const acknowledgedTicks = all.filter((o) => o.kind === 'tick' && o.status === 200).map((o) => o.id!);
      expect(acknowledgedTicks.filter((id) => status.get(id) !== 'done')).toEqual([]);
      // Every logged block is stored; no two claim the same item; each claimed item is done
      const export_ = (await send(student, 1, { method: 'GET', url: '/api/account/export' })).json() as {
        questionBlocks: { id: string; planItemId: string | null }[];
      };
      const blocks = all.filter((o) => o.kind === 'block');
      expect(blocks.map((o) => o.status)).toEqual(Array(4 * ROUNDS).fill(201));
      const storedIds = new Set(export_.questionBlocks.map((b) => b.id));
      expect(blocks.filter((o) => !storedIds.has(o.id!))).toEqual([]);
      const claimed = export_.questionBlocks.map((b) => b.planItemId).filter((id): id is string => id !== null);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.filter((id) => status.get(id) !== 'done')).toEqual([]);
    }
  }, 120_000);

  it('answers no 5xx when the account is deleted while its ticks, blocks and re-plans race', async () => {
    for (let round = 0; round < 3; round++) {
      const student = await signUpClient(t.app);
      await student.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput() });
      await student.request({
        method: 'PUT',
        url: '/api/plan',
        payload: { settings: buildPlanSettings({ protectedTime: [] }) },
      });
      const plan = (await send(student, 0, { method: 'GET', url: '/api/plan?to=2026-11-26' })).json() as PlanBody;
      const open = plan.days.flatMap((d) => d.items).filter((i) => i.status === null && i.kind === 'qbank-block');
      const requests = [
        ...open
          .slice(0, 4)
          .map((item, i) =>
            send(student, i % 2, { method: 'POST', url: `/api/plan/items/${item.id}`, payload: { status: 'done' } }),
          ),
        ...Array.from({ length: 6 }, (_, i) =>
          send(student, i % 2, {
            method: 'POST',
            url: '/api/evidence/blocks',
            payload: { bank: 'uworld', mode: 'timed', questions: 20, correct: 14, minutes: 30, date: '2026-11-24' },
          }),
        ),
        send(student, 1, { method: 'POST', url: '/api/plan/replan', payload: {} }),
        send(student, round % 2, {
          method: 'POST',
          url: '/api/account/delete',
          payload: { password: student.password },
        }),
      ];
      const statuses = (await Promise.all(requests)).map((r) => r.statusCode);
      expect(statuses.filter((status) => status >= 500)).toEqual([]);
    }
  }, 60_000);

  it('keeps a tick made by hand when a block that had claimed the item is deleted', async () => {
    const student = await signUpClient(t.app);
    await student.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput() });
    await student.request({
      method: 'PUT',
      url: '/api/plan',
      payload: { settings: buildPlanSettings({ protectedTime: [] }) },
    });
    const log = () =>
      send(student, 0, {
        method: 'POST',
        url: '/api/evidence/blocks',
        payload: { bank: 'uworld', mode: 'timed', questions: 20, correct: 14, minutes: 30, date: '2026-11-24' },
      });
    // Given a block that ticked an item, which the student then unticks and ticks again by hand
    const first = (await log()).json() as { id: string; planItemId: string | null };
    expect(first.planItemId).not.toBeNull();
    const item = first.planItemId!;
    const mark = (status: 'done' | null) =>
      send(student, 1, { method: 'POST', url: `/api/plan/items/${item}`, payload: { status } });
    expect((await mark(null)).statusCode).toBe(200);
    expect((await mark('done')).statusCode).toBe(200);
    // When the block is deleted
    expect((await send(student, 0, { method: 'DELETE', url: `/api/evidence/blocks/${first.id}` })).statusCode).toBe(
      204,
    );
    // Then the tick the student made stays
    const plan = (await send(student, 0, { method: 'GET', url: '/api/plan?to=2026-11-30' })).json() as PlanBody;
    expect(plan.days.flatMap((d) => d.items).find((i) => i.id === item)?.status).toBe('done');
  });

  // PostgreSQL only: SQLite has one connection and no pool to starve.
  if (kind === 'postgres')
    it("keeps one student's burst of re-plans from starving other users of connections", async () => {
      const burst = students[1]!;
      const other = students[2]!;
      const replans = Array.from({ length: 60 }, () =>
        send(burst, 0, { method: 'POST', url: '/api/plan/replan', payload: {} }),
      );
      const reads = Array.from({ length: 10 }, () => send(other, 0, { method: 'GET', url: '/api/profile' }));
      const [replanned, read] = await Promise.all([Promise.all(replans), Promise.all(reads)]);
      // The other user is served; the burst is served or told to retry, never a 500
      expect(read.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
      const statuses = replanned.map((r) => r.statusCode);
      expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
      expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(32);
      for (const refused of replanned.filter((r) => r.statusCode === 503)) {
        expect(refused.headers['retry-after']).toBeDefined();
        expect(refused.json().error.code).toBe('DATABASE_BUSY');
      }
    }, 90_000);
});
