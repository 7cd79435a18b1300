import { Link } from 'react-router';
import type { Cause } from '#domain/postmortem/causes.ts';
import type { CountermeasureAction, SettingChange } from '#domain/postmortem/countermeasures.ts';
import type { PostmortemResult } from '#shared/contracts/postmortem.ts';
import { Callout } from '../../components/status.tsx';
import { describeChange } from '../plan/plan-labels.ts';

const STRENGTH_TEXT: Record<Cause['strength'], string> = {
  strong: 'Strong signs',
  moderate: 'Some signs',
};

function isExternal(href: string): boolean {
  return /^https?:\/\//.test(href);
}

/** "Practice exam every 7 days (was 10)" and, under it, why. */
export function ChangeLine({ change }: { change: SettingChange }) {
  const { label, was } = describeChange(change);
  return (
    <li className="change" data-testid="setting-change" data-setting={change.setting}>
      <p className="change-label">
        <strong>{label}</strong>
        {was ? <span className="change-was"> (was {was})</span> : null}
      </p>
      <p className="change-why">{change.why}</p>
    </li>
  );
}

function ActionLine({ action }: { action: CountermeasureAction }) {
  const href = action.href;
  return (
    <li className="action">
      <p>{action.text}</p>
      {href ? (
        isExternal(href) ? (
          <a href={href} target="_blank" rel="noopener noreferrer" className="action-link">
            {href.replace(/^https?:\/\//, '')}
            <span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        ) : (
          <Link to={href} className="action-link">
            Open your plan
          </Link>
        )
      ) : null}
    </li>
  );
}

function CauseCard({
  cause,
  changes,
  actions,
}: {
  cause: Cause;
  changes: SettingChange[];
  actions: CountermeasureAction[];
}) {
  const titleId = `cause-${cause.id}-title`;
  return (
    <li className="card cause" aria-labelledby={titleId} data-testid={`cause-${cause.id}`}>
      <div className="cause-header">
        <span className="cause-priority" aria-hidden="true">
          {cause.priority}
        </span>
        <div>
          <h3 id={titleId} className="cause-title">
            <span className="visually-hidden">Cause {cause.priority}: </span>
            {cause.name}
          </h3>
          <span className={`tag tag--strength-${cause.strength}`}>{STRENGTH_TEXT[cause.strength]}</span>
        </div>
      </div>
      <p className="cause-explanation">{cause.explanation}</p>

      <h4 className="cause-subtitle">From your answers</h4>
      <ul className="evidence">
        {cause.evidence.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>

      {changes.length > 0 ? (
        <>
          <h4 className="cause-subtitle">What it changes in your plan</h4>
          <ul className="changes">
            {changes.map((change) => (
              <ChangeLine key={change.setting} change={change} />
            ))}
          </ul>
        </>
      ) : null}

      {actions.length > 0 ? (
        <>
          <h4 className="cause-subtitle">What you do about it now</h4>
          <ul className="actions">
            {actions.map((action) => (
              <ActionLine key={action.text} action={action} />
            ))}
          </ul>
        </>
      ) : null}
    </li>
  );
}

/**
 * The support prompt, said first and plainly when health or wellbeing was part of the fail: line
 * up help before the heavy weeks, and where to turn at once if things get dangerous.
 */
function SupportFirst({ actions }: { actions: CountermeasureAction[] }) {
  if (actions.length === 0) return null;
  return (
    <section className="support-first" aria-labelledby="support-title" data-testid="support-prompt">
      <h2 id="support-title">Before the study plan: support for you</h2>
      <p>
        You told us that something heavy was going on, or that sleep had run short. That is not a side issue: it is one
        of the reasons, and it gets dealt with first.
      </p>
      <ul className="actions">
        {actions.map((action) => (
          <ActionLine key={action.text} action={action} />
        ))}
      </ul>
    </section>
  );
}

type Props = {
  result: PostmortemResult & { updatedAt: string };
  justSaved: boolean;
  onEdit: () => void;
};

/** The causes the answers point to, the evidence for each, and what each changes in the plan. */
export function PostmortemResults({ result, justSaved, onEdit }: Props) {
  const { diagnosis, countermeasures } = result;
  const supportActions = countermeasures.actions.filter((a) => a.cause === 'burnout-mental-health');
  return (
    <div className="pm-results" id="causes">
      <div className="page-heading">
        <p className="eyebrow">Your postmortem</p>
        <h1 id="results-title" tabIndex={-1}>
          What went wrong, and what changes
        </h1>
        <p className="lead">{diagnosis.summary}</p>
        <div className="button-row">
          <Link to="/plan/settings" className="button button--primary">
            Build my plan with these settings
          </Link>
          <button type="button" className="button button--secondary" onClick={onEdit}>
            Edit answers
          </button>
        </div>
      </div>

      {justSaved ? (
        <Callout tone="success" role="status" testId="postmortem-saved">
          <p>Saved. These are the causes your answers point to. Your plan starts from the changes below.</p>
        </Callout>
      ) : null}

      <SupportFirst actions={supportActions} />

      <section aria-labelledby="causes-title">
        <div className="section-heading">
          <div>
            <h2 id="causes-title">
              {diagnosis.causes.length === 1 ? 'One cause' : `${diagnosis.causes.length} causes`}, most urgent first
            </h2>
            {diagnosis.weakestAreas.length > 0 ? (
              <p className="muted">
                Weakest areas on your score report:{' '}
                {diagnosis.weakestAreas.map((area) => area.name.toLowerCase()).join(', ')}. Content review aims at them
                first.
              </p>
            ) : null}
          </div>
        </div>
        <ol className="causes" data-testid="causes">
          {diagnosis.causes.map((cause) => (
            <CauseCard
              key={cause.id}
              cause={cause}
              changes={countermeasures.changes.filter((c) => c.cause === cause.id)}
              actions={countermeasures.actions.filter(
                (a) => a.cause === cause.id && a.cause !== 'burnout-mental-health',
              )}
            />
          ))}
        </ol>
      </section>

      <div className="card card--accent results-next">
        <h2>Next: your plan, with these settings</h2>
        <p>
          Every change above is already filled in on the plan settings. Add your rotation hours and any days you cannot
          study, then generate the plan.
        </p>
        <div className="button-row">
          <Link to="/plan/settings" className="button button--primary button--large">
            Build my plan with these settings
          </Link>
          <button type="button" className="button button--secondary" onClick={onEdit}>
            Edit answers
          </button>
        </div>
      </div>
    </div>
  );
}
