/**
 * Proof 1 (issue 8): no acknowledged tick or block log is lost when re-plans race them.
 *
 * 50 students, each with a profile and a plan made on Friday. On Saturday (the pinned clock moves a
 * day) each student races, split across the instances: 3 re-plans back to back, against 8 ticks
 * of items dated today or earlier (read from GET /api/plan just before) and 4 block logs for today,
 * each sent after a random pause so that it lands while a re-plan runs.
 * Then every student's export is compared with what the server acknowledged.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Reply, type User, pool, report, tally } from './lib/client.ts';
import { describeEachKind, random, shuffle, startDeployment, type Deployment } from './lib/deployment.ts';
import { createClock } from './lib/instance.ts';
import {
  blockBody,
  exportOf,
  planItems,
  PLAN_MADE_AT,
  RACE_AT,
  RACE_TODAY,
  signUpStudentWithPlan,
  type ExportedBlock,
  type PlanItemRef,
} from './lib/students.ts';

const STUDENTS = 50;
const REPLANS = 3;
const TICKS = 8;
const BLOCKS = 4;
const CONCURRENT_STUDENTS = 5;
const JITTER_MS = 40;

type Tick = { item: PlanItemRef; reply: Reply };
type Block = { reply: Reply };
type StudentRun = {
  user: User;
  replans: Reply[];
  ticks: Tick[];
  blocks: Block[];
  final: { blocks: ExportedBlock[]; items: PlanItemRef[] };
};

const isServerFailure = (r: Reply) => r.status === 0 || r.status >= 500;
const reloadMessage = (r: Reply) =>
  r.isJson && /reload/i.test(String((r.body as { error?: { message?: string } }).error?.message ?? ''));
const describeReply = (r: Reply) => `${r.status}${r.error ? ` ${r.error}` : ''} ${JSON.stringify(r.body)}`;

describeEachKind('re-plans racing ticks and block logs', (kind) => {
  const clock = createClock(PLAN_MADE_AT);
  let deployment: Deployment;
  const runs: StudentRun[] = [];

  beforeAll(async () => {
    deployment = await startDeployment(kind, clock);
    const { instances } = deployment;
    const users = await pool(
      Array.from(
        { length: STUDENTS },
        (_, i) => () => signUpStudentWithPlan(instances[i % instances.length]!, `race-${kind}-${i}`),
      ),
      6,
    );
    clock.set(RACE_AT);
    const next = random(kind === 'postgres' ? 8 : 80);
    // Read every plan first, then fire every student's requests at once.
    const plans = await pool(
      users.map((user, i) => () => planItems(instances[i % instances.length]!, user, `?to=${RACE_TODAY}`)),
      6,
    );
    // Per student three lanes run at once: the re-plans back to back, the ticks and the block logs
    // each after a random pause of up to JITTER_MS, so that they land while a re-plan is being
    // computed or stored, not all before it. A few students at a time keep every lane short.
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    const raced = await pool(
      users.map((user, s) => async () => {
        const tickable = shuffle(
          plans[s]!.filter((item) => item.kind !== 'rest'),
          next,
        ).slice(0, TICKS);
        const at = (k: number) => instances[(s + k) % instances.length]!;
        const pauses = Array.from({ length: TICKS + BLOCKS }, () => Math.floor(next() * JITTER_MS));
        const replans: Reply[] = [];
        const ticks: Tick[] = [];
        const blocks: Block[] = [];
        await Promise.all([
          (async () => {
            for (let k = 0; k < REPLANS; k++) replans.push(await user.request(at(k), 'POST', '/api/plan/replan'));
          })(),
          (async () => {
            for (const [k, item] of tickable.entries()) {
              await sleep(pauses[k]!);
              const url = `/api/plan/items/${encodeURIComponent(item.id)}`;
              ticks.push({ item, reply: await user.request(at(k + 1), 'POST', url, { body: { status: 'done' } }) });
            }
          })(),
          (async () => {
            for (let k = 0; k < BLOCKS; k++) {
              await sleep(pauses[TICKS + k]! * 2);
              const body = blockBody(RACE_TODAY);
              blocks.push({ reply: await user.request(at(k), 'POST', '/api/evidence/blocks', { body }) });
            }
          })(),
        ]);
        return { user, replans, ticks, blocks };
      }),
      CONCURRENT_STUDENTS,
    );
    for (const [s, run] of raced.entries()) {
      const final = await exportOf(instances[(s + 1) % instances.length]!, run.user);
      runs.push({ ...run, final });
    }
  });

  afterAll(async () => {
    await deployment?.close();
    clock.remove();
  });

  it(`raced ${STUDENTS} students × (${REPLANS} re-plans, ${TICKS} ticks, ${BLOCKS} block logs)`, () => {
    expect(runs).toHaveLength(STUDENTS);
    expect(runs.every((r) => r.ticks.length === TICKS)).toBe(true);
  });

  it('re-plans never answer 5xx or drop the connection', () => {
    const replies = runs.flatMap((r) => r.replans);
    const failed = replies.filter(isServerFailure);
    report(`[${kind}] re-plans: ${JSON.stringify(tally(replies))}`);
    expect(failed.length, `re-plan statuses ${JSON.stringify(tally(replies))}`).toBe(0);
  });

  it('ticks answer 200, or 409 with a message to reload — never 5xx, never 404 for an item that existed', () => {
    const replies = runs.flatMap((r) => r.ticks.map((t) => t.reply));
    const wrong = replies.filter((r) => !(r.status === 200 || (r.status === 409 && reloadMessage(r))));
    report(`[${kind}] ticks: ${JSON.stringify(tally(replies))}`);
    expect(
      wrong.length,
      `tick statuses ${JSON.stringify(tally(replies))}; first: ${wrong.slice(0, 3).map(describeReply).join(' | ')}`,
    ).toBe(0);
  });

  it('every tick answered 200 is done afterwards (on its item, or on the successor of that item)', () => {
    let acknowledged = 0;
    let bySuccessor = 0;
    const lost: string[] = [];
    for (const run of runs) {
      const items = new Map(run.final.items.map((item) => [item.id, item]));
      const ticked = run.ticks.filter((t) => t.reply.status === 200);
      acknowledged += ticked.length;
      const claimedByBlocks = new Set(
        run.blocks.map((b) => (b.reply.body as { planItemId?: string | null })?.planItemId).filter(Boolean),
      );
      const tickedIds = new Set(ticked.map((t) => t.item.id));
      // Done items nobody asked for by id: candidates to be the successor of a ticked item whose
      // id a re-plan replaced. Each may stand for one tick, of the same day and kind.
      const spare = run.final.items.filter(
        (item) => item.status === 'done' && !tickedIds.has(item.id) && !claimedByBlocks.has(item.id),
      );
      for (const tick of ticked) {
        if (items.get(tick.item.id)?.status === 'done') continue;
        const successor = spare.findIndex((item) => item.date === tick.item.date && item.kind === tick.item.kind);
        if (successor >= 0) {
          spare.splice(successor, 1);
          bySuccessor++;
          continue;
        }
        const now = items.get(tick.item.id);
        lost.push(`${run.user.email} ${tick.item.id}: ${now ? `status ${now.status}` : 'gone'}`);
      }
    }
    report(`[${kind}] ticks: ${acknowledged} acknowledged, ${bySuccessor} found on a successor, ${lost.length} lost`);
    expect(
      lost.length,
      `${lost.length} of ${acknowledged} acknowledged ticks lost: ${lost.slice(0, 5).join('; ')}`,
    ).toBe(0);
  });

  it('block logs answer 201 (or 409 with a message to reload), never 5xx', () => {
    const replies = runs.flatMap((r) => r.blocks.map((b) => b.reply));
    const wrong = replies.filter((r) => !(r.status === 201 || (r.status === 409 && reloadMessage(r))));
    report(`[${kind}] block logs: ${JSON.stringify(tally(replies))}`);
    expect(wrong.length, `block statuses ${JSON.stringify(tally(replies))}`).toBe(0);
  });

  it('every block answered 201 is stored', () => {
    let acknowledged = 0;
    const missing: string[] = [];
    for (const run of runs) {
      const stored = new Set(run.final.blocks.map((b) => b.id));
      for (const block of run.blocks.filter((b) => b.reply.status === 201)) {
        acknowledged++;
        const id = (block.reply.body as { id: string }).id;
        if (!stored.has(id)) missing.push(`${run.user.email} ${id}`);
      }
    }
    report(`[${kind}] blocks: ${acknowledged} acknowledged, ${missing.length} not stored`);
    expect(missing.length, `${missing.length} of ${acknowledged} acknowledged blocks not stored`).toBe(0);
  });

  it('no two stored blocks claim the same plan item', () => {
    const doubles: string[] = [];
    for (const run of runs) {
      const seen = new Map<string, string>();
      for (const block of run.final.blocks) {
        if (!block.planItemId) continue;
        const other = seen.get(block.planItemId);
        if (other) doubles.push(`${run.user.email}: ${other} and ${block.id} → ${block.planItemId}`);
        seen.set(block.planItemId, block.id);
      }
    }
    report(`[${kind}] plan items claimed by two blocks: ${doubles.length}`);
    expect(doubles.length, doubles.slice(0, 5).join('; ')).toBe(0);
  });

  it('a block that says it ticked a plan item did tick it: that item is done afterwards', () => {
    const unticked: string[] = [];
    let claims = 0;
    for (const run of runs) {
      const items = new Map(run.final.items.map((item) => [item.id, item]));
      for (const block of run.final.blocks) {
        if (!block.planItemId) continue;
        claims++;
        const item = items.get(block.planItemId);
        if (item?.status !== 'done') {
          unticked.push(
            `${run.user.email} ${block.id} → ${block.planItemId}: ${item ? `status ${item.status}` : 'gone'}`,
          );
        }
      }
    }
    report(`[${kind}] block claims: ${claims}, not done afterwards: ${unticked.length}`);
    expect(unticked.length, `${unticked.length} of ${claims} claims: ${unticked.slice(0, 5).join('; ')}`).toBe(0);
  });

  it('every instance is still running', () => {
    for (const instance of deployment.instances) expect(instance.isRunning(), instance.output()).toBe(true);
  });
});
