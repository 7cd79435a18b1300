import { useCallback, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { FLAG_LABELS } from '#domain/advisor/flags.ts';
import { SCOPE_LABELS, SCOPES } from '#domain/advisor/scopes.ts';
import { NOTE_MAX_LENGTH, type StudentPageResponse } from '#shared/contracts/advisor.ts';
import { toApiError } from '../../api/client.ts';
import { formatShortDate } from '../../components/dates.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { LoadError, Loading } from '../../components/status.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { useLoad } from '../../components/use-load.ts';
import { formatInstant } from '../sharing/format.ts';
import { advisorApi } from './advisor-api.ts';
import { percent, trend, VERDICT_LABELS } from './labels.ts';
import './advisor.css';

function NotShared({ what }: { what: string }) {
  return <p className="muted small">{what}: not shared by this student.</p>;
}

function Notes({
  studentId,
  notes,
  onChanged,
}: {
  studentId: string;
  notes: StudentPageResponse['notes'];
  onChanged: () => void;
}) {
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setIsBusy(true);
    setError(null);
    try {
      await advisorApi.addNote(studentId, body);
      setBody('');
      onChanged();
    } catch (caught) {
      const apiError = toApiError(caught);
      setError(apiError.fields.body ?? apiError.message);
    } finally {
      setIsBusy(false);
    }
  }
  return (
    <section className="card" aria-labelledby="notes-title">
      <h2 id="notes-title">Your notes</h2>
      <p className="small muted">Only you read these; the student does not see them.</p>
      <form onSubmit={onSubmit} noValidate>
        <label htmlFor="note-body" className="field-label">
          New note
        </label>
        <textarea
          id="note-body"
          rows={3}
          maxLength={NOTE_MAX_LENGTH}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'note-error' : undefined}
        />
        {error ? (
          <p id="note-error" className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button--secondary" disabled={isBusy || body.trim() === ''}>
          {isBusy ? 'Saving…' : 'Save note'}
        </button>
      </form>
      {notes.length > 0 ? (
        <ul className="plain-list note-list">
          {notes.map((note) => (
            <li key={note.id}>
              <p className="small muted">{formatInstant(note.createdAt)}</p>
              <p className="note-body">{note.body}</p>
              <button
                type="button"
                className="button button--quiet button--small"
                onClick={async () => {
                  if (!window.confirm('Delete this note?')) return;
                  await advisorApi.deleteNote(note.id).catch(() => undefined);
                  onChanged();
                }}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function StudentView({ data, reload }: { data: StudentPageResponse; reload: () => void }) {
  const { student } = data;
  return (
    <>
      <div className="page-heading">
        <p>
          <Link to="/advisor">All students</Link>
        </p>
        <h1 className="break-anywhere">{student.email}</h1>
        <p className="lead">
          {student.stage ? `Stage ${student.stage.number}: ${student.stage.title}. ` : 'No profile yet. '}
          {student.examDate ? `Exam ${formatShortDate(student.examDate)}, in ${student.daysToExam} days.` : null}
        </p>
        <p className="small muted">
          Shares:{' '}
          {SCOPES.filter((s) => student.scopes[s])
            .map((s) => SCOPE_LABELS[s])
            .join(', ') || 'nothing beyond who they are'}
          . Read-only; this visit is in the student’s access log.
        </p>
      </div>
      <section className="card" aria-labelledby="flags-title">
        <h2 id="flags-title">Flags</h2>
        {student.flags.length === 0 ? (
          <p className="muted">No flag from what this student shares.</p>
        ) : (
          <ul className="flag-list">
            {student.flags.map((flag, i) => (
              <li key={`${flag.id}-${i}`} data-testid="flag">
                <span className="tag flag">{FLAG_LABELS[flag.id]}</span> {flag.reason}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card" aria-labelledby="scores-title">
        <h2 id="scores-title">{SCORE_TITLE}</h2>
        {data.scores === null || student.scores === null ? (
          <NotShared what="Scores, prediction and verdict" />
        ) : (
          <>
            {student.scores.verdict ? (
              <>
                <p>
                  <span className={`tag verdict-tag verdict-tag--${student.scores.verdict}`}>
                    {VERDICT_LABELS[student.scores.verdict]}
                  </span>
                </p>
                {/* The student's own words ("your predicted score…"), shown as theirs, not the advisor's. */}
                <p className="small muted">What the student reads on their own page:</p>
                <blockquote className="student-quote" data-testid="advisor-student-headline">
                  {data.scores.headline}
                </blockquote>
              </>
            ) : null}
            {student.scores.predicted ? (
              <p>
                Predicted {student.scores.predicted.score} (80 % band {student.scores.predicted.low}–
                {student.scores.predicted.high}), trend {trend(student.scores.pointsPerWeek)}, chance of passing{' '}
                {percent(student.scores.predicted.passProbability)}. Planning target {student.scores.targetScore}.
              </p>
            ) : (
              <p className="muted">No prediction yet: it needs a practice exam.</p>
            )}
            {data.scores.exams.length > 0 ? (
              <TableScroll label="Practice exams">
                <table className="data-table">
                  <thead>
                    <tr>
                      <th scope="col">Date</th>
                      <th scope="col">Exam</th>
                      <th scope="col">Reported</th>
                      <th scope="col" className="num">
                        Read as
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.scores.exams.map((exam) => (
                      <tr key={`${exam.date}-${exam.name}`}>
                        <td className="num">{formatShortDate(exam.date)}</td>
                        <td>{exam.name}</td>
                        <td>{exam.reported}</td>
                        <td className="num">{Math.round(exam.score)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            ) : null}
            {data.scores.reasons.length > 0 ? (
              <ul className="small" aria-label="The readiness check, in the student’s words">
                {data.scores.reasons.map((r, i) => (
                  <li key={i}>
                    {r.passed ? 'Met: ' : 'Not met: '}
                    {r.text}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        )}
      </section>
      <section className="card" aria-labelledby="plan-title">
        <h2 id="plan-title">Plan adherence, last 14 days</h2>
        {data.plan === null || student.plan === null ? (
          <NotShared what="Plan adherence" />
        ) : !student.plan.hasPlan ? (
          <p className="muted">No plan yet.</p>
        ) : (
          <>
            <p>
              {student.plan.doneHours} of {student.plan.plannedHours} study hours done (
              {percent(student.plan.adherence)}).
            </p>
            {data.plan.warnings.map((w) => (
              <p key={w} className="small">
                {w}
              </p>
            ))}
          </>
        )}
      </section>
      <section className="card" aria-labelledby="wellbeing-title">
        <h2 id="wellbeing-title">Wellbeing</h2>
        {data.wellbeing === null ? (
          <NotShared what="Wellbeing check-ins" />
        ) : data.wellbeing.checkIns.length === 0 ? (
          <p className="muted">No check-ins in the last 14 days.</p>
        ) : (
          <TableScroll label="Wellbeing check-ins">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col" className="num">
                    Sleep
                  </th>
                  <th scope="col" className="num">
                    Stress (1–5)
                  </th>
                  <th scope="col" className="num">
                    Mood (1–5)
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.wellbeing.checkIns.map((c, i) => (
                  <tr key={`${c.date}-${i}`}>
                    <td className="num">{formatShortDate(c.date)}</td>
                    <td className="num">{c.sleepHours} h</td>
                    <td className="num">{c.stress}</td>
                    <td className="num">{c.mood}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <section className="card" aria-labelledby="journal-title">
        <h2 id="journal-title">Wrong-answer journal</h2>
        {data.journal === null ? (
          <NotShared what="The journal" />
        ) : (
          <>
            <p>{data.journal.total} questions logged.</p>
            <ul className="small">
              {data.journal.recentKeyPoints.map((k, i) => (
                <li key={i}>{k.text}</li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="story-title">
        <h2 id="story-title">Postmortem and story</h2>
        {data.story === null ? (
          <NotShared what="The postmortem and story" />
        ) : (
          <>
            {data.story.causes.length === 0 ? (
              <p className="muted">No postmortem yet.</p>
            ) : (
              <p>Causes named: {data.story.causes.join(', ')}.</p>
            )}
            {data.story.ownWords ? <blockquote className="small">{data.story.ownWords}</blockquote> : null}
            {data.story.placement ? (
              <p>
                Where they plan to put it: <strong>{data.story.placement.title}</strong>.
                {data.story.placement.note ? ` Their note for you: “${data.story.placement.note}”` : ''}
              </p>
            ) : null}
            {data.story.statement ? (
              <>
                <h3>Their statement paragraph</h3>
                <blockquote className="small">{data.story.statement}</blockquote>
              </>
            ) : null}
            {data.story.interview ? (
              <>
                <h3>Their interview answer</h3>
                <blockquote className="small">{data.story.interview}</blockquote>
              </>
            ) : null}
            {!data.story.statement && !data.story.interview && !data.story.placement ? (
              <p className="muted">No story text saved yet.</p>
            ) : null}
          </>
        )}
      </section>
      <Notes studentId={student.studentId} notes={data.notes} onChanged={reload} />
    </>
  );
}

const SCORE_TITLE = 'Scores, prediction and verdict';

/** /advisor/students/:id: one student's shared data, read-only, and the advisor's private notes. */
export function AdvisorStudentPage() {
  const { id = '' } = useParams();
  usePageTitle('Student');
  const load = useCallback(() => advisorApi.student(id), [id]);
  const { state, retry } = useLoad(load);
  return (
    <div className="advisor">
      {state.status === 'loading' ? <Loading label="Loading the student…" /> : null}
      {state.status === 'error' ? (
        <>
          <p>
            <Link to="/advisor">All students</Link>
          </p>
          <LoadError error={state.error} onRetry={retry} what="this student" />
        </>
      ) : null}
      {state.status === 'ready' ? <StudentView data={state.data} reload={retry} /> : null}
    </div>
  );
}
