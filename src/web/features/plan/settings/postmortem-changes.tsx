import { Link } from 'react-router';
import type { PostmortemResponse } from '#shared/contracts/postmortem.ts';
import type { PlanDefaultsResponse } from '../../../api/endpoints.ts';
import { Callout } from '../../../components/status.tsx';
import { ChangeLine } from '../../postmortem/postmortem-results.tsx';

/** The changes the postmortem made to the defaults, each with the cause behind it. */
export function PostmortemChanges({
  defaults,
  postmortem,
}: {
  defaults: PlanDefaultsResponse;
  postmortem: PostmortemResponse;
}) {
  if (!defaults.hasPostmortem) {
    return (
      <Callout tone="info" title="Your postmortem is not done yet" testId="no-postmortem">
        <p>
          These are the standard settings. The postmortem is what tailors them to why Step 1 went wrong: each cause it
          finds changes something here you can point to.
        </p>
        <p>
          <Link to="/postmortem">Do the postmortem first</Link> (about fifteen minutes), or build a plan now and come
          back to it.
        </p>
      </Callout>
    );
  }
  const names = new Map(postmortem.postmortem?.diagnosis.causes.map((cause) => [cause.id, cause.name]) ?? []);
  const causes = [...new Set(defaults.changes.map((change) => change.cause))];
  return (
    <section className="card pm-changes" aria-labelledby="pm-changes-title" data-testid="postmortem-changes">
      <h2 id="pm-changes-title">What your postmortem changed</h2>
      {defaults.changes.length === 0 ? (
        <p>Your postmortem left the standard settings as they are.</p>
      ) : (
        <>
          <p className="muted">
            These are filled in below. You can change any of them, but each one answers a reason Step 1 went wrong.
          </p>
          {causes.map((cause) => (
            <div key={cause} className="pm-changes-group">
              <h3 className="pm-changes-cause">Because of: {names.get(cause) ?? cause}</h3>
              <ul className="changes changes--compact">
                {defaults.changes
                  .filter((change) => change.cause === cause)
                  .map((change) => (
                    <ChangeLine key={change.setting} change={change} />
                  ))}
              </ul>
            </div>
          ))}
        </>
      )}
      <p className="small">
        <Link to="/postmortem#causes">See the causes and the evidence</Link>
      </p>
    </section>
  );
}
