// Every route the app serves, asked by everyone who should not get it: anonymous, a forged cookie,
// an advisor, another student. The list of routes is the app's own route table (route-table.ts),
// so a new route fails this file until it is given a public entry or a matrix entry below.
import { randomInt } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '#server/context.ts';
import { CODE_ALPHABET, CODE_LENGTH } from '#domain/advisor/invitation.ts';
import { hashToken } from '#server/auth/tokens.ts';
import { routeTableOf, type RouteEntry } from '#server/route-table.ts';
import { exportData } from '#server/use-cases/export-data.ts';
import { getSharing } from '#server/use-cases/sharing.ts';
import { buildPlanSettings } from '#tests/factories/plan.ts';
import { buildPostmortemAnswers } from '#tests/factories/postmortem.ts';
import { buildProfileInput } from '#tests/factories/profile.ts';
import { describeEachDatabase } from '#tests/setup/databases.ts';
import { clientFrom, createTestApp, STRONG_PASSWORD, type Client, type TestApp } from '#tests/setup/test-app.ts';

/** What the owner made before the matrix runs; path parameters name these. */
type OwnerRecords = {
  itemId: string;
  blockId: string;
  examId: string;
  feedToken: string;
  entryId: string;
  /** The owner's own id: an advisor's student page names it. */
  studentId: string;
  /** A pending invitation of the owner's, and their live link to an advisor of their own. */
  invitationId: string;
  linkId: string;
  /** A note the owner's own advisor keeps about them. */
  noteId: string;
  /** A code the owner's advisor has already used. */
  usedCode: string;
};

type MatrixEntry = {
  /**
   * 'student': advisors are refused with 403; 'advisor': students are refused with 403; 'user': any
   * signed-in user may call it.
   */
  access: 'student' | 'advisor' | 'user';
  payload?: object | ((records: OwnerRecords) => object);
  /** Path parameters, by the owner's record they name: another student must get 404 for them. */
  params?: Record<string, keyof OwnerRecords>;
};

type PublicEntry = {
  /** Why no session is needed. */
  why: string;
  payload?: () => object;
  params?: Record<string, () => string>;
};

const key = (route: RouteEntry) => `${route.method} ${route.url}`;

/** Routes that answer without a session. Every one is still probed: < 500 and no owner data. */
const PUBLIC: Record<string, PublicEntry> = {
  'GET /healthz': { why: 'liveness for the load balancer' },
  'GET /readyz': { why: 'readiness for the load balancer' },
  'POST /api/auth/sign-up': {
    why: 'makes the session',
    payload: () => ({ email: `new-${crypto.randomUUID()}@school.edu`, password: 'violet-harbor-tram-92' }),
  },
  'POST /api/auth/sign-in': {
    why: 'makes the session',
    // An address nobody has: a wrong guess at the owner's would count against their throttle.
    payload: () => ({ email: `nobody-${crypto.randomUUID()}@school.edu`, password: 'violet-harbor-tram-92' }),
  },
  'POST /api/auth/sign-out': { why: 'ends whatever session the cookie names, or none' },
  'GET /feed/:file': {
    why: 'the calendar app holds only the secret link',
    params: { file: () => `${crypto.randomUUID().replaceAll('-', '')}.ics` },
  },
};

/** Static files of the built web app (none in the test app: it has no web root). */
function isStaticFile(route: RouteEntry): boolean {
  return (
    (route.method === 'GET' || route.method === 'HEAD') &&
    !route.url.startsWith('/api/') &&
    (route.url === '/' || /^\/[\w./-]+\.\w+$/.test(route.url))
  );
}

const JOURNAL_ENTRY = { bank: 'uworld', errorType: 'misread', keyPoint: 'Read the last line of the stem first' };

/** Every other route, with an example request that would succeed for its owner. */
const MATRIX: Record<string, MatrixEntry> = {
  'GET /api/auth/me': { access: 'user' },
  'POST /api/auth/sign-out-everywhere': { access: 'user' },
  'POST /api/account/password': {
    access: 'user',
    payload: { currentPassword: 'x', newPassword: 'violet-harbor-tram-92' },
  },
  'GET /api/account/export': { access: 'user' },
  'POST /api/account/delete': { access: 'user', payload: { password: 'x' } },
  'GET /api/profile': { access: 'student' },
  'PUT /api/profile': { access: 'student', payload: buildProfileInput() },
  'GET /api/journey': { access: 'student' },
  'GET /api/reference': { access: 'student' },
  'GET /api/plan': { access: 'student' },
  'PUT /api/plan': { access: 'student', payload: { settings: buildPlanSettings() } },
  'POST /api/plan/replan': { access: 'student', payload: {} },
  'POST /api/plan/push-back': { access: 'student', payload: {} },
  'POST /api/plan/spread-missed': { access: 'student', payload: { days: 3 } },
  'POST /api/plan/items/:id': { access: 'student', payload: { status: 'skipped' }, params: { id: 'itemId' } },
  'GET /api/plan/calendar.ics': { access: 'student' },
  'GET /api/calendar-feed': { access: 'student' },
  'POST /api/calendar-feed': { access: 'student' },
  'DELETE /api/calendar-feed': { access: 'student' },
  'PUT /api/calendar-feed/reminder': { access: 'student', payload: { reminder: '15-minutes' } },
  'GET /api/postmortem/questionnaire': { access: 'student' },
  'GET /api/postmortem': { access: 'student' },
  'PUT /api/postmortem': { access: 'student', payload: buildPostmortemAnswers() },
  'GET /api/postmortem/support-prompt': { access: 'student' },
  'PUT /api/postmortem/support-prompt': { access: 'student', payload: { isDone: true } },
  'GET /api/plan/defaults': { access: 'student' },
  'GET /api/evidence': { access: 'student' },
  // The evidence page's parts (issue 13), each read when its tab opens.
  'GET /api/evidence/overview': { access: 'student' },
  'GET /api/evidence/exams': { access: 'student' },
  'GET /api/evidence/bank': { access: 'student' },
  'GET /api/evidence/weak-areas': { access: 'student' },
  'GET /api/evidence/endurance': { access: 'student' },
  'GET /api/evidence/wellbeing': { access: 'student' },
  'POST /api/evidence/blocks': {
    access: 'student',
    payload: { bank: 'uworld', mode: 'timed', questions: 40, correct: 30, minutes: 60, date: '2026-11-24' },
  },
  'DELETE /api/evidence/blocks/:id': { access: 'student', params: { id: 'blockId' } },
  'POST /api/evidence/practice-exams': {
    access: 'student',
    payload: { form: 'NBME14', date: '2026-11-20', score: 240 },
  },
  'DELETE /api/evidence/practice-exams/:id': { access: 'student', params: { id: 'examId' } },
  'POST /api/evidence/full-length-days': { access: 'student', payload: { date: '2026-11-20' } },
  'POST /api/evidence/wellbeing': {
    access: 'student',
    payload: { date: '2026-11-24', sleepHours: 7, stress: 2, mood: 4 },
  },
  'PUT /api/evidence/counselling': { access: 'student', payload: { name: 'Wellness', contact: '555-0100' } },
  'POST /api/readiness/accept-delay': { access: 'student', payload: { proposedExamDate: '2027-06-01' } },
  'GET /api/outcome': { access: 'student' },
  'PUT /api/outcome': { access: 'student', payload: { score: 240, passed: true, resultDate: '2026-11-24' } },
  'DELETE /api/outcome': { access: 'student' },
  'GET /api/journal': { access: 'student' },
  'GET /api/journal/summary': { access: 'student' },
  'POST /api/journal/entries': { access: 'student', payload: JOURNAL_ENTRY },
  'POST /api/journal/entries/batch': { access: 'student', payload: { entries: [JOURNAL_ENTRY] } },
  'PUT /api/journal/entries/:id': { access: 'student', payload: JOURNAL_ENTRY, params: { id: 'entryId' } },
  'DELETE /api/journal/entries/:id': { access: 'student', params: { id: 'entryId' } },
  'GET /api/journal/review': { access: 'student' },
  // The entry id in the body is a placeholder: another student's rating of the owner's entry is in journal.routes.test.ts.
  'POST /api/journal/reviews': { access: 'student', payload: { entryId: 'someone-elses', rating: 3 } },
  'POST /api/journal/reviews/undo': { access: 'student' },
  'GET /api/journal/export.csv': { access: 'student' },
  'GET /api/story': { access: 'student' },
  'POST /api/story/check': { access: 'student', payload: { kind: 'statement', text: 'I failed Step 1.' } },
  'PUT /api/story/texts': { access: 'student', payload: { kind: 'interview', text: 'I failed Step 1.' } },
  'PUT /api/story/placement': { access: 'student', payload: { choice: 'interview-only', advisorNote: null } },
  'POST /api/story/attempts': {
    access: 'student',
    payload: { promptId: 'walk-me-through', text: 'I failed Step 1.', secondsTaken: 70 },
  },
  'DELETE /api/story': { access: 'student' },
  'POST /api/journal/import': {
    access: 'student',
    payload: {
      csv: 'bank,why,point\nuworld,misread,Stem first\n',
      mapping: { bank: 'bank', errorType: 'why', keyPoint: 'point' },
    },
  },
};

const ADVISOR_NOTE = 'Advisor-note-known-only-to-the-owners-advisor';

/** Issue 12: the student's sharing routes and the advisor's, with the owner's records they name. */
const SHARING_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/sharing': { access: 'student' },
  'POST /api/sharing/invitations': { access: 'student', payload: { scopes: { wellbeing: true } } },
  'DELETE /api/sharing/invitations/:id': { access: 'student', params: { id: 'invitationId' } },
  'PUT /api/sharing/links/:id/scopes': {
    access: 'student',
    payload: { scopes: { wellbeing: true, journal: true, story: true } },
    params: { id: 'linkId' },
  },
  'POST /api/sharing/links/:id/revoke': { access: 'student', params: { id: 'linkId' } },
  'GET /api/sharing/access-log': { access: 'student' },
  'GET /api/sharing/access-log.csv': { access: 'student' },
  'POST /api/advisor/invitations/accept': { access: 'advisor', payload: (r) => ({ code: r.usedCode }) },
  'GET /api/advisor/dashboard': { access: 'advisor' },
  'GET /api/advisor/dashboard.csv': { access: 'advisor' },
  'GET /api/advisor/students/:id': { access: 'advisor', params: { id: 'studentId' } },
  'POST /api/advisor/students/:id/notes': {
    access: 'advisor',
    payload: { body: 'A note from someone without a link' },
    params: { id: 'studentId' },
  },
  'DELETE /api/advisor/notes/:id': { access: 'advisor', params: { id: 'noteId' } },
};
Object.assign(MATRIX, SHARING_MATRIX);

type Coverage = { kind: 'public'; entry: PublicEntry } | { kind: 'matrix'; entry: MatrixEntry } | { kind: 'static' };

/** Where a route is covered; a HEAD route Fastify adds beside a GET shares the GET's entry. */
function coverageOf(route: RouteEntry): Coverage | null {
  if (isStaticFile(route)) return { kind: 'static' };
  const lookup = (k: string): Coverage | null =>
    PUBLIC[k] ? { kind: 'public', entry: PUBLIC[k] } : MATRIX[k] ? { kind: 'matrix', entry: MATRIX[k] } : null;
  return lookup(key(route)) ?? (route.method === 'HEAD' ? lookup(`GET ${route.url}`) : null);
}

// The route table, read once from an app like the one under test (the describe blocks below need
// the list before any test runs).
const ROUTES: RouteEntry[] = await (async () => {
  const t = await createTestApp('sqlite');
  try {
    return [...routeTableOf(t.app)];
  } finally {
    await t.close();
  }
})();

describe('the authorization matrix', () => {
  it('covers every route the app serves (a new route needs a public or a matrix entry here)', () => {
    const missing = ROUTES.filter((route) => coverageOf(route) === null).map(key);
    expect(missing, 'routes with neither a PUBLIC nor a MATRIX entry in authorization.test.ts').toEqual([]);
  });

  it('lists no route the app does not serve', () => {
    const served = new Set(ROUTES.map(key));
    const stale = [...Object.keys(PUBLIC), ...Object.keys(MATRIX)].filter((k) => !served.has(k));
    expect(stale).toEqual([]);
  });

  it('names an owner record for every path parameter', () => {
    for (const route of ROUTES) {
      const coverage = coverageOf(route);
      const names = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
      if (!coverage || coverage.kind === 'static') continue;
      for (const name of names) expect(coverage.entry.params?.[name], `${key(route)} :${name}`).toBeDefined();
    }
  });
});

const SECRET = 'Backup-known-only-to-owner';
/** Hours of sleep only the owner logged: shared only in the wellbeing scope. */
const OWNER_SLEEP_HOURS = 4.25;
/** Practice score only the owner has (no other fixture or reference figure uses it). */
const OWNER_SCORE = 213;

let signUps = 0;
/**
 * A new signed-in account, each from its own address: this file makes more accounts than sign-up
 * allows from one address in an hour (20), and the throttle is not what it tests.
 */
async function signUpClient(app: TestApp['app'], role: 'student' | 'advisor' = 'student'): Promise<Client> {
  const n = ++signUps;
  const email = `matrix-${n}-${crypto.randomUUID().slice(0, 8)}@school.edu`;
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-up',
    payload: { email, password: STRONG_PASSWORD, role },
    remoteAddress: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
  });
  if (response.statusCode !== 201) throw new Error(`sign-up failed: ${response.statusCode} ${response.body}`);
  return clientFrom(app, response, email, STRONG_PASSWORD);
}

describeEachDatabase('authorization', (kind) => {
  let t: TestApp;
  let owner: Client;
  let ownerActor: Actor;
  let records: OwnerRecords;
  let ownerBaseline: unknown;
  /** For GET and HEAD, which cannot sign anyone out; a write gets a fresh caller. */
  let readingAdvisor: Client;
  let readingIntruder: Client;
  /** The advisor the owner invited and still shares with: not an intruder, never probed. */
  let ownAdvisor: Client;

  /** Everything the owner has, as their export shows it (read directly: the route is throttled). */
  async function ownerExport() {
    const { exportedAt: _exportedAt, ...rest } = await exportData(t.ctx, ownerActor);
    // Who has access, with which scopes, and the owner's advisor's notes: no intruder may change them.
    const notes = await t.ctx.repos.advisors.listNotes(ownAdvisor.id, owner.id);
    return { ...rest, sharing: await getSharing(t.ctx, ownerActor), notes };
  }

  async function newIntruder() {
    // Another student, with a profile of their own, so every student route gets past "no profile".
    const intruder = await signUpClient(t.app);
    const saved = await intruder.request({ method: 'PUT', url: '/api/profile', payload: buildProfileInput() });
    expect(saved.statusCode).toBe(200);
    return intruder;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    owner = await signUpClient(t.app);
    const me = (await owner.request({ method: 'GET', url: '/api/auth/me' })).json().user;
    ownerActor = {
      userId: owner.id,
      email: owner.email,
      role: 'student',
      sessionId: '',
      createdAt: me.createdAt,
      timeZone: 'America/Chicago',
    };
    const ok = (response: LightMyRequestResponse) => {
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response;
    };
    ok(
      await owner.request({
        method: 'PUT',
        url: '/api/profile',
        payload: buildProfileInput({ specialty: 'dermatology', backupSpecialty: SECRET, examDate: '2027-05-05' }),
      }),
    );
    ok(
      await owner.request({
        method: 'PUT',
        url: '/api/postmortem',
        payload: { ...buildPostmortemAnswers(), ownWords: `${SECRET}: I ran out of time in three blocks.` },
      }),
    );
    const plan = ok(
      await owner.request({ method: 'PUT', url: '/api/plan', payload: { settings: buildPlanSettings() } }),
    ).json();
    const feedUrl = ok(await owner.request({ method: 'POST', url: '/api/calendar-feed' })).json().url as string;
    const block = ok(
      await owner.request({
        method: 'POST',
        url: '/api/evidence/blocks',
        payload: { bank: 'uworld', mode: 'timed', questions: 40, correct: 21, minutes: 60, date: '2026-11-23' },
      }),
    ).json();
    const exam = ok(
      await owner.request({
        method: 'POST',
        url: '/api/evidence/practice-exams',
        payload: { form: 'NBME13', date: '2026-11-20', score: OWNER_SCORE },
      }),
    ).json();
    ok(
      await owner.request({
        method: 'PUT',
        url: '/api/evidence/counselling',
        payload: { name: SECRET, contact: '555-0199' },
      }),
    );
    const entry = ok(
      await owner.request({
        method: 'POST',
        url: '/api/journal/entries',
        payload: { ...JOURNAL_ENTRY, keyPoint: `${SECRET}: a key point` },
      }),
    ).json();
    ok(await owner.request({ method: 'POST', url: '/api/journal/reviews', payload: { entryId: entry.id, rating: 2 } }));
    // The story of the fail: the owner's own texts, practice answer and note for their advisor.
    ok(
      await owner.request({
        method: 'PUT',
        url: '/api/story/texts',
        payload: { kind: 'statement', text: `${SECRET}: I failed Step 1 at my first sitting.` },
      }),
    );
    ok(
      await owner.request({
        method: 'POST',
        url: '/api/story/attempts',
        payload: { promptId: 'what-changed', text: `${SECRET}: every block is timed now.`, secondsTaken: 64 },
      }),
    );
    ok(
      await owner.request({
        method: 'PUT',
        url: '/api/story/placement',
        payload: { choice: 'eras-field', advisorNote: SECRET },
      }),
    );
    ok(
      await owner.request({
        method: 'POST',
        url: '/api/evidence/wellbeing',
        payload: { date: '2026-11-24', sleepHours: OWNER_SLEEP_HOURS, stress: 4, mood: 2 },
      }),
    );
    // The owner's own advisor: linked with the default scopes, keeping a note.
    ownAdvisor = await signUpClient(t.app, 'advisor');
    const firstInvite = ok(
      await owner.request({ method: 'POST', url: '/api/sharing/invitations', payload: {} }),
    ).json();
    ok(await acceptAs(ownAdvisor, firstInvite.code));
    const note = ok(
      await ownAdvisor.request({
        method: 'POST',
        url: `/api/advisor/students/${owner.id}/notes`,
        payload: { body: ADVISOR_NOTE },
      }),
    ).json();
    const pending = ok(await owner.request({ method: 'POST', url: '/api/sharing/invitations', payload: {} })).json();
    const sharing = ok(await owner.request({ method: 'GET', url: '/api/sharing' })).json();
    records = {
      entryId: entry.id,
      itemId: plan.days[0].items[0].id,
      blockId: block.id,
      examId: exam.id,
      feedToken: new URL(feedUrl).pathname.replace(/^\/feed\//, '').replace(/\.ics$/, ''),
      studentId: owner.id,
      invitationId: pending.id,
      linkId: sharing.links[0].id,
      noteId: note.id,
      usedCode: firstInvite.code,
    };
    ownerBaseline = await ownerExport();
    readingAdvisor = await signUpClient(t.app, 'advisor');
    readingIntruder = await newIntruder();
  });
  afterAll(() => t.close());

  async function acceptAs(advisor: Client, code: string) {
    return advisor.request({ method: 'POST', url: '/api/advisor/invitations/accept', payload: { code } });
  }

  /** The owner's data, any of which in another caller's response is a leak. */
  function expectNoOwnerData(response: LightMyRequestResponse, options: { isLinked?: boolean } = {}) {
    const body = response.body;
    // A linked advisor sees who the student is, whatever the scopes (ALWAYS_SHARED); nothing else.
    const identity = options.isLinked ? [] : [owner.email, owner.id];
    // Positional plan item ids ("2026-11-24-qbank-block-1") are the same in every student's plan
    // for that day, so they name no one; an id the app makes (a UUID) is the owner's alone.
    const itemIdIsTheOwners = /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(records.itemId);
    const markers = [
      SECRET,
      ...identity,
      records.blockId,
      records.examId,
      records.feedToken,
      records.entryId,
      records.invitationId,
      records.linkId,
      records.noteId,
      records.usedCode,
      ADVISOR_NOTE,
    ];
    for (const marker of itemIdIsTheOwners ? [...markers, records.itemId] : markers) {
      expect(body, `owner data "${marker}" in the response`).not.toContain(marker);
    }
    // The score as a JSON number (the digits alone turn up inside ids and timestamps).
    expect(body).not.toMatch(new RegExp(`[:,[]${OWNER_SCORE}[,\\]}]`));
    expect(body).not.toMatch(new RegExp(`[:,[]${OWNER_SLEEP_HOURS}[,\\]}]`));
  }

  async function expectOwnerUnchanged() {
    expect(await ownerExport()).toEqual(ownerBaseline);
  }

  function requestFor(route: RouteEntry, coverage: Coverage): InjectOptions {
    let url = route.url;
    let payload: object | undefined;
    if (coverage.kind === 'matrix') {
      for (const [name, record] of Object.entries(coverage.entry.params ?? {})) {
        url = url.replace(`:${name}`, encodeURIComponent(records[record]));
      }
      const example = coverage.entry.payload;
      payload = typeof example === 'function' ? example(records) : example;
    } else if (coverage.kind === 'public') {
      for (const [name, make] of Object.entries(coverage.entry.params ?? {})) url = url.replace(`:${name}`, make());
      payload = coverage.entry.payload?.();
    }
    const method = route.method as InjectOptions['method'];
    return { method, url, ...(payload && method !== 'GET' && method !== 'HEAD' ? { payload } : {}) };
  }

  const isRead = (route: RouteEntry) => route.method === 'GET' || route.method === 'HEAD';

  /** A refusal: the status, and for a body-bearing method the stable code. */
  function expectRefusal(response: LightMyRequestResponse, route: RouteEntry, status: number, code: string) {
    expect(response.statusCode, response.body).toBe(status);
    if (route.method !== 'HEAD') expect(response.json().error.code).toBe(code);
  }

  describe.each(ROUTES.filter((route) => coverageOf(route)?.kind === 'matrix'))('$method $url', (route) => {
    const coverage = coverageOf(route) as Extract<Coverage, { kind: 'matrix' }>;
    const namesOwnerRecord = coverage.entry.params !== undefined;

    it('refuses an anonymous request with 401 and no data', async () => {
      const response = await t.app.inject(requestFor(route, coverage));
      expectRefusal(response, route, 401, 'UNAUTHENTICATED');
      expectNoOwnerData(response);
      await expectOwnerUnchanged();
    });

    it('refuses a forged session cookie with 401 and no data', async () => {
      const response = await t.app.inject({
        ...requestFor(route, coverage),
        headers: { cookie: 'comeback_session=forged-token-value' },
      });
      expectRefusal(response, route, 401, 'UNAUTHENTICATED');
      expectNoOwnerData(response);
      await expectOwnerUnchanged();
    });

    it(
      coverage.entry.access === 'student'
        ? 'refuses an advisor with 403 and no data'
        : 'answers an advisor below 500 with none of the owner’s data',
      async () => {
        const advisor = isRead(route) ? readingAdvisor : await signUpClient(t.app, 'advisor');
        const response = await advisor.request(requestFor(route, coverage));
        if (coverage.entry.access === 'student') expectRefusal(response, route, 403, 'FORBIDDEN');
        // An advisor without a link: the owner's records are not there for them.
        if (coverage.entry.access === 'advisor' && namesOwnerRecord) expectRefusal(response, route, 404, 'NOT_FOUND');
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode === 401) expect(response.json().error.code).toBe('INVALID_CREDENTIALS');
        expectNoOwnerData(response);
        await expectOwnerUnchanged();
      },
    );

    it(
      namesOwnerRecord
        ? 'answers another student 404 for the owner’s record, changing nothing'
        : 'answers another student below 500 with only their own data, changing nothing of the owner’s',
      async () => {
        const intruder = isRead(route) ? readingIntruder : await newIntruder();
        const response = await intruder.request(requestFor(route, coverage));
        expect(response.statusCode, response.body).toBeLessThan(500);
        // Signed in as themselves: whatever the answer, it is not a signed-out refusal.
        if (response.statusCode === 401) expect(response.json().error.code).toBe('INVALID_CREDENTIALS');
        if (coverage.entry.access === 'advisor') expectRefusal(response, route, 403, 'FORBIDDEN');
        else if (namesOwnerRecord) expectRefusal(response, route, 404, 'NOT_FOUND');
        expectNoOwnerData(response);
        await expectOwnerUnchanged();
      },
    );
  });

  /**
   * Advisors the owner once dealt with, or who tried: each is refused everything of the owner's that
   * their state does not allow. 'scope-off' is linked with every scope switched off: it sees who the
   * student is and nothing else.
   */
  type AdvisorState = 'revoked link' | 'scopes switched off' | 'expired invitation' | 'reused invitation';
  const ADVISOR_STATES: AdvisorState[] = [
    'revoked link',
    'scopes switched off',
    'expired invitation',
    'reused invitation',
  ];
  const readingAdvisors = new Map<AdvisorState, Client>();

  async function advisorIn(state: AdvisorState): Promise<Client> {
    const advisor = await signUpClient(t.app, 'advisor');
    if (state === 'revoked link' || state === 'scopes switched off') {
      const invitation = (await owner.request({ method: 'POST', url: '/api/sharing/invitations', payload: {} })).json();
      expect((await acceptAs(advisor, invitation.code)).statusCode).toBe(201);
      const links: { id: string; advisorEmail: string }[] = (
        await owner.request({ method: 'GET', url: '/api/sharing' })
      ).json().links;
      const link = links.find((l) => l.advisorEmail === advisor.email)!;
      const change =
        state === 'revoked link'
          ? { method: 'POST' as const, url: `/api/sharing/links/${link.id}/revoke` }
          : {
              method: 'PUT' as const,
              url: `/api/sharing/links/${link.id}/scopes`,
              payload: { scopes: { scores: false, plan: false, wellbeing: false, journal: false, story: false } },
            };
      expect((await owner.request(change)).statusCode).toBeLessThan(300);
    } else if (state === 'expired invitation') {
      // Made eight days ago by the owner, so it ran out yesterday.
      const code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
      const now = t.clock.now().getTime();
      await t.ctx.repos.advisors.insertInvitation({
        id: crypto.randomUUID(),
        studentId: owner.id,
        codeHash: hashToken(code),
        scopes: { scores: true, plan: true, wellbeing: true, journal: true, story: true },
        createdAt: new Date(now - 8 * 86_400_000).toISOString(),
        expiresAt: new Date(now - 86_400_000).toISOString(),
      });
      expect((await acceptAs(advisor, code)).statusCode).toBe(404);
    } else {
      expect((await acceptAs(advisor, records.usedCode)).statusCode).toBe(404);
    }
    return advisor;
  }

  describe.each(ROUTES.filter((route) => coverageOf(route)?.kind === 'matrix'))(
    'advisors beyond a link: $method $url',
    (route) => {
      const coverage = coverageOf(route) as Extract<Coverage, { kind: 'matrix' }>;
      it.each(ADVISOR_STATES)(
        'gives an advisor with a %s none of the owner’s data, changing nothing',
        async (state) => {
          let advisor = readingAdvisors.get(state);
          if (!advisor || !isRead(route)) {
            advisor = await advisorIn(state);
            if (isRead(route)) readingAdvisors.set(state, advisor);
          }
          const before = await ownerExport();
          const response = await advisor.request(requestFor(route, coverage));
          expect(response.statusCode, response.body).toBeLessThan(500);
          if (response.statusCode === 401) expect(response.json().error.code).toBe('INVALID_CREDENTIALS');
          if (coverage.entry.access === 'student') expectRefusal(response, route, 403, 'FORBIDDEN');
          const isLinked = state === 'scopes switched off';
          // The owner's page answers a linked advisor (who they are, nothing shared); anyone else gets 404.
          if (coverage.entry.access === 'advisor' && coverage.entry.params !== undefined) {
            const isOwnPage = isLinked && route.url.startsWith('/api/advisor/students/:id');
            if (!isOwnPage) expectRefusal(response, route, 404, 'NOT_FOUND');
          }
          expectNoOwnerData(response, { isLinked });
          expect(await ownerExport()).toEqual(before);
          // Setting this advisor up changed who the owner shares with: the later checks start from here.
          ownerBaseline = before;
        },
      );
    },
  );

  describe.each(ROUTES.filter((route) => coverageOf(route)?.kind === 'public'))('public: $method $url', (route) => {
    const coverage = coverageOf(route) as Extract<Coverage, { kind: 'public' }>;

    it('answers every caller below 500 with none of the owner’s data, changing nothing', async () => {
      const callers: Array<{ name: string; send: (o: InjectOptions) => Promise<LightMyRequestResponse> }> = [
        { name: 'anonymous', send: (o) => t.app.inject(o) },
        {
          name: 'forged cookie',
          send: (o) => t.app.inject({ ...o, headers: { cookie: 'comeback_session=forged-token-value' } }),
        },
        { name: 'advisor', send: async (o) => (await signUpClient(t.app, 'advisor')).request(o) },
        { name: 'another student', send: async (o) => (await newIntruder()).request(o) },
      ];
      for (const caller of callers) {
        const response = await caller.send(requestFor(route, coverage));
        expect(response.statusCode, `${caller.name}: ${response.body}`).toBeLessThan(500);
        expectNoOwnerData(response);
      }
      await expectOwnerUnchanged();
    });
  });

  it('shows another student only their own (empty) profile, whatever they send', async () => {
    const third = await signUpClient(t.app);
    const response = await third.request({ method: 'GET', url: '/api/profile?userId=' + owner.id });
    expect(response.statusCode).toBe(200);
    expect(response.json().profile).toBeNull();
  });

  it('refuses a user id smuggled into the profile body', async () => {
    const third = await signUpClient(t.app);
    const response = await third.request({
      method: 'PUT',
      url: '/api/profile',
      payload: { ...buildProfileInput(), userId: owner.id },
    });
    expect(response.statusCode).toBe(400);
    await expectOwnerUnchanged();
  });

  it('keeps the owner’s calendar feed live: nobody else could revoke or rotate it', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/feed/${records.feedToken}.ics` });
    expect(response.statusCode).toBe(200);
  });
});
