/**
 * The study plan: generation in-process, and the calendar feed over HTTP.
 *
 * - Plan generation for 180 days with every constraint (a weekday rotation, a call night, a planned
 *   break, the full default bank, six practice exams, two full-length days): median and p99 of
 *   repeated runs in this process. Target: median ≤ 20 ms.
 * - The subscription feed of that plan (GET /feed/<token>.ics), one request at a time on loopback,
 *   so the latency is the server's time plus a loopback round trip. Target: ≤ 30 ms (median).
 */
import { addDays } from '#domain/common/dates.ts';
import { generatePlan } from '#domain/plan/scheduler.ts';
import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from '#domain/plan/settings.ts';
import { fetchOk, measurementFromTimes, quantile, timeSequentially } from '../lib/sequential.ts';
import type { Suite, SuiteContext, SuiteResult } from '../lib/suite.ts';

const PLAN_TARGET_MS = 20;
const FEED_TARGET_MS = 30;
const START = '2026-12-01';

function allConstraints(start: string): PlanSettings {
  return {
    ...DEFAULT_PLAN_SETTINGS,
    protectedTime: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '07:00', end: '17:00', label: 'Rotation' })),
    exceptions: [
      { date: addDays(start, 20), kind: 'call', start: '17:00', end: '08:00', label: 'Call night' },
      { date: addDays(start, 24), kind: 'break', start: null, end: null, label: 'Holiday' },
      { date: addDays(start, 60), kind: 'blocked', start: null, end: null, label: 'Shelf exam' },
    ],
  };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

export const planSuite: Suite = {
  name: 'plan',
  description: 'plan generation for 180 days (in-process) and the calendar feed of that plan (HTTP)',
  async run(ctx: SuiteContext): Promise<SuiteResult> {
    const settings = allConstraints(START);
    const input = { startDate: START, examDate: addDays(START, 180), settings };
    const first = generatePlan(input);
    if (!first.ok) throw new Error(`plan generation failed: ${first.error.message}`);
    const items = first.value.days.reduce((sum, d) => sum + d.items.length, 0);
    const planTimes = await timeSequentially(ctx.settings.seconds <= 2 ? 50 : 300, () => generatePlan(input));

    // The feed: a real server, a student with a profile and a 180-day plan, a feed token.
    const server = await ctx.startServer({ nodeArgs: ctx.settings.serverNodeArgs });
    const base = server.baseUrl;
    const signUp = await fetch(`${base}/api/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `bench-plan-${Date.now()}@example.com`, password: 'a long unusual passphrase 42' }),
    });
    if (signUp.status !== 201) throw new Error(`sign-up: HTTP ${signUp.status}`);
    const cookie = (signUp.headers.getSetCookie()[0] ?? '').split(';')[0]!;
    const json = { 'content-type': 'application/json', cookie };
    const examDate = addDays(today(), 180);
    const profile = await fetch(`${base}/api/profile`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({
        failCount: '1',
        specialty: 'internal-medicine',
        schoolType: 'us-md',
        timeZone: 'America/Chicago',
        examDate,
        reviewStartDate: '2027-09-22',
        bufferPoints: 10,
      }),
    });
    if (profile.status !== 200) throw new Error(`profile: HTTP ${profile.status} ${await profile.text()}`);
    const planSave = await fetch(`${base}/api/plan`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ settings: allConstraints(today()) }),
    });
    if (planSave.status !== 200)
      throw new Error(`plan: HTTP ${planSave.status} ${(await planSave.text()).slice(0, 300)}`);
    const feed = (await (await fetch(`${base}/api/calendar-feed`, { method: 'POST', headers: { cookie } })).json()) as {
      url: string;
    };
    const feedUrl = `${base}${new URL(feed.url).pathname}`;
    const check = await fetch(feedUrl);
    const body = await check.text();
    if (check.status !== 200 || !body.startsWith('BEGIN:VCALENDAR')) throw new Error(`feed: HTTP ${check.status}`);
    const events = body.split('BEGIN:VEVENT').length - 1;
    ctx.log(`plan with ${events} events; feed ${Math.round(body.length / 1024)} KiB`);

    const feedTimes = await timeSequentially(ctx.settings.seconds <= 2 ? 40 : 200, () => fetchOk(feedUrl));

    const planMedian = quantile(planTimes, 0.5);
    const feedMedian = quantile(feedTimes, 0.5);
    return {
      measurements: [
        measurementFromTimes(`generatePlan, 180 days (${items} items)`, planTimes),
        measurementFromTimes(`GET /feed/…ics (${events} events)`, feedTimes),
      ],
      checks: [
        {
          name: 'plan generation, median ms',
          value: planMedian,
          target: `≤ ${PLAN_TARGET_MS}`,
          passed: planMedian <= PLAN_TARGET_MS,
          detail: `p99 ${quantile(planTimes, 0.99).toFixed(2)} ms over ${planTimes.length} runs`,
        },
        {
          name: 'feed, median ms (1 connection)',
          value: feedMedian,
          target: `≤ ${FEED_TARGET_MS}`,
          passed: feedMedian <= FEED_TARGET_MS,
          detail: `p99 ${quantile(feedTimes, 0.99).toFixed(2)} ms over ${feedTimes.length} requests`,
        },
      ],
      notes: ['"req/s" for these rows is 1 / mean time: one run or request at a time, not a load test.'],
    };
  },
};
