import { useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { FLAG_LABELS, type FlagId } from '#domain/advisor/flags.ts';
import type { DashboardResponse, DashboardRow } from '#shared/contracts/advisor.ts';
import { toApiError } from '../../api/client.ts';
import { useUser } from '../../app/session.tsx';
import { formatShortDate } from '../../components/dates.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { useLoad } from '../../components/use-load.ts';
import { advisorApi, DASHBOARD_CSV_URL } from './advisor-api.ts';
import { percent, trend, VERDICT_LABELS } from './labels.ts';
import './advisor.css';

type SortKey = 'flags' | 'exam' | 'adherence' | 'gap' | 'email';
const SORTS: Record<SortKey, string> = {
  flags: 'Most flags first',
  exam: 'Exam soonest first',
  adherence: 'Lowest adherence first',
  gap: 'Furthest under target first',
  email: 'Email A–Z',
};

/** Nulls sort last whatever the direction. */
function byNumber(a: number | null | undefined, b: number | null | undefined): number {
  if (a == null) return b == null ? 0 : 1;
  if (b == null) return -1;
  return a - b;
}

function gapOf(row: DashboardRow): number | null {
  const latest = row.scores?.latest?.score;
  const target = row.scores?.targetScore;
  return latest == null || target == null ? null : latest - target;
}

export function sortRows(rows: readonly DashboardRow[], key: SortKey): DashboardRow[] {
  const sorted = [...rows];
  const byEmail = (a: DashboardRow, b: DashboardRow) => a.email.localeCompare(b.email);
  const compare: Record<SortKey, (a: DashboardRow, b: DashboardRow) => number> = {
    flags: (a, b) => b.flags.length - a.flags.length || byEmail(a, b),
    exam: (a, b) => byNumber(a.daysToExam, b.daysToExam) || byEmail(a, b),
    adherence: (a, b) => byNumber(a.plan?.adherence, b.plan?.adherence) || byEmail(a, b),
    gap: (a, b) => byNumber(gapOf(a), gapOf(b)) || byEmail(a, b),
    email: byEmail,
  };
  return sorted.sort(compare[key]);
}

function AcceptInvitation({ onAccepted }: { onAccepted: () => void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setIsBusy(true);
    setError(null);
    setDone(null);
    try {
      const accepted = await advisorApi.accept(code);
      setDone(`You now follow ${accepted.studentEmail}.`);
      setCode('');
      onAccepted();
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError.fields.code ?? apiError.message);
    } finally {
      setIsBusy(false);
    }
  }
  return (
    <form className="card accept-form" onSubmit={onSubmit} noValidate aria-labelledby="accept-title">
      <h2 id="accept-title">Add a student</h2>
      <p className="small muted">Students make a code on their Advisors page and give it to you; it works once.</p>
      <div className="accept-row">
        <label htmlFor="invite-code" className="field-label">
          Invitation code
        </label>
        <input
          id="invite-code"
          name="code"
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder="7K2M-9QXD-AB0C-DE1F"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'invite-code-error' : undefined}
        />
        <button type="submit" className="button button--primary" disabled={isBusy || code.trim() === ''}>
          {isBusy ? 'Checking…' : 'Add student'}
        </button>
      </div>
      {error ? (
        <p id="invite-code-error" className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <p className="small" role="status">
          {done}
        </p>
      ) : null}
    </form>
  );
}

function Cohort({ cohort }: { cohort: DashboardResponse['cohort'] }) {
  if (!cohort.shown) {
    return (
      <p className="small muted" data-testid="cohort-hidden">
        Group figures appear from {cohort.minimum} students on: over fewer, they would give away one student’s numbers.
      </p>
    );
  }
  return (
    <dl className="cohort" data-testid="cohort">
      <div>
        <dt>Students</dt>
        <dd>{cohort.students}</dd>
      </div>
      <div>
        <dt>With a flag</dt>
        <dd>{cohort.flagged}</dd>
      </div>
      <div>
        <dt>Median adherence, 14 days</dt>
        <dd>{cohort.medianAdherence === null ? 'Too few share it' : percent(cohort.medianAdherence)}</dd>
      </div>
      <div>
        <dt>On track or go</dt>
        <dd>
          {cohort.verdictStudents === 0
            ? 'Too few share it'
            : `${cohort.onTrackOrProceed} of ${cohort.verdictStudents}`}
        </dd>
      </div>
    </dl>
  );
}

function StudentRow({ row }: { row: DashboardRow }) {
  const latest = row.scores?.latest;
  return (
    <tr data-testid="dashboard-row">
      <td data-label="Student">
        <Link to={`/advisor/students/${encodeURIComponent(row.studentId)}`} className="break-anywhere">
          {row.email}
        </Link>
        <span className="small muted block">
          {row.stage ? `${row.stage.number}. ${row.stage.title}` : 'No profile yet'}
        </span>
      </td>
      <td data-label="Exam" className="num">
        {row.examDate ? (
          <>
            {formatShortDate(row.examDate)}
            <span className="small muted block">{row.daysToExam} days</span>
          </>
        ) : (
          '—'
        )}
      </td>
      <td data-label="Latest vs target" className="num">
        {row.scores === null ? (
          <span className="muted">Not shared</span>
        ) : latest ? (
          <>
            {/* The corrected score, whole as the student's own page shows it. */}
            {Math.round(latest.score)} / {row.scores.targetScore ?? '—'}
            <span className="small muted block">{latest.name}</span>
          </>
        ) : (
          <span className="muted">No exam yet</span>
        )}
      </td>
      <td data-label="Predicted and verdict" className="num">
        {row.scores === null ? (
          <span className="muted">Not shared</span>
        ) : (
          <>
            {row.scores.predicted ? (
              <>
                {row.scores.predicted.score}
                <span className="small muted block">
                  {row.scores.predicted.low}–{row.scores.predicted.high}, {trend(row.scores.pointsPerWeek)}
                </span>
              </>
            ) : (
              <span className="muted block">No prediction yet</span>
            )}
            {row.scores.verdict ? (
              <span className={`tag verdict-tag verdict-tag--${row.scores.verdict}`}>
                {VERDICT_LABELS[row.scores.verdict]}
              </span>
            ) : null}
          </>
        )}
      </td>
      <td data-label="Hours, 14 days" className="num">
        {row.plan === null ? (
          <span className="muted">Not shared</span>
        ) : !row.plan.hasPlan ? (
          <span className="muted">No plan yet</span>
        ) : (
          <>
            {row.plan.doneHours} of {row.plan.plannedHours} h
            <span className="small muted block">{percent(row.plan.adherence)}</span>
          </>
        )}
      </td>
      <td data-label="Flags">
        {row.flags.length === 0 ? (
          <span className="muted">None</span>
        ) : (
          <ul className="flag-list">
            {row.flags.map((flag, i) => (
              <li key={`${flag.id}-${i}`} data-testid="flag">
                <span className="tag flag">{FLAG_LABELS[flag.id]}</span> <span className="small">{flag.reason}</span>
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}

function Dashboard({ data, reload }: { data: DashboardResponse; reload: () => void }) {
  const [sort, setSort] = useState<SortKey>('flags');
  const [filter, setFilter] = useState<'all' | 'flagged' | FlagId>('all');
  const [search, setSearch] = useState('');
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const kept = data.students.filter(
      (row) =>
        (needle === '' || row.email.toLowerCase().includes(needle)) &&
        (filter === 'all' || (filter === 'flagged' ? row.flags.length > 0 : row.flags.some((f) => f.id === filter))),
    );
    return sortRows(kept, sort);
  }, [data.students, filter, search, sort]);

  return (
    <>
      <AcceptInvitation onAccepted={reload} />
      {data.students.length === 0 ? (
        <section className="card empty-state" data-testid="advisor-empty">
          <h2>No students yet</h2>
          <p>
            Students appear here after they invite you, and you see only what each of them chooses to share. They can
            change that or end your access at any time, and they see each time you open their data.
          </p>
        </section>
      ) : (
        <section className="card" aria-labelledby="students-title">
          <div className="dashboard-head">
            <h2 id="students-title">
              {data.students.length} {data.students.length === 1 ? 'student' : 'students'}
            </h2>
            <a className="button button--secondary button--small" href={DASHBOARD_CSV_URL} download>
              Download CSV
            </a>
          </div>
          <Cohort cohort={data.cohort} />
          <div className="dashboard-controls">
            <div>
              <label htmlFor="dashboard-search" className="field-label">
                Find
              </label>
              <input
                id="dashboard-search"
                type="text"
                inputMode="search"
                value={search}
                placeholder="Email"
                onChange={(e) => setSearch(e.target.value)}
              />
            </div>
            <div>
              <label htmlFor="dashboard-filter" className="field-label">
                Show
              </label>
              <select id="dashboard-filter" value={filter} onChange={(e) => setFilter(e.target.value as typeof filter)}>
                <option value="all">Everyone</option>
                <option value="flagged">Anyone with a flag</option>
                {(Object.keys(FLAG_LABELS) as FlagId[]).map((id) => (
                  <option key={id} value={id}>
                    {FLAG_LABELS[id]}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="dashboard-sort" className="field-label">
                Sort
              </label>
              <select id="dashboard-sort" value={sort} onChange={(e) => setSort(e.target.value as SortKey)}>
                {(Object.keys(SORTS) as SortKey[]).map((key) => (
                  <option key={key} value={key}>
                    {SORTS[key]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <p className="small muted" role="status">
            Showing {rows.length} of {data.students.length}.
          </p>
          <TableScroll label="Students">
            <table className="data-table dashboard-table">
              <thead>
                <tr>
                  <th scope="col">Student and stage</th>
                  <th scope="col">Exam</th>
                  <th scope="col">Latest vs target</th>
                  <th scope="col">Predicted and verdict</th>
                  <th scope="col">Hours, 14 days</th>
                  <th scope="col">Flags</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <StudentRow key={row.studentId} row={row} />
                ))}
              </tbody>
            </table>
          </TableScroll>
        </section>
      )}
    </>
  );
}

/** /advisor: every linked student with what they share, flags with reasons, sorting and filters. */
export function AdvisorPage() {
  usePageTitle('Your students');
  const user = useUser();
  const { state, retry } = useLoad(advisorApi.dashboard);
  return (
    <div className="advisor">
      <div className="page-heading">
        <h1>Your students</h1>
        <p className="lead">
          Signed in as an advisor (<span className="break-anywhere">{user.email}</span>). Each student chose what you
          see; every time you open this page it is written in their access log.
        </p>
      </div>
      {state.status === 'loading' ? <Loading label="Loading your students…" /> : null}
      {state.status === 'error' ? <LoadError error={state.error} onRetry={retry} what="your students" /> : null}
      {state.status === 'ready' ? <Dashboard data={state.data} reload={retry} /> : null}
    </div>
  );
}
