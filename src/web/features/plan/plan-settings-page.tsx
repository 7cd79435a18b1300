import { Link } from 'react-router';
import { api } from '../../api/endpoints.ts';
import { formatLongDate } from '../../components/dates.ts';
import { usePageTitle } from '../../components/page-title.ts';
import { Callout, LoadError, Loading } from '../../components/status.tsx';
import { useLoad } from '../../components/use-load.ts';
import { PostmortemChanges } from './settings/postmortem-changes.tsx';
import { PlanSettingsForm, type PageData } from './settings/settings-form.tsx';

/** The plan's summary without its days (an empty range), the defaults, the causes and the profile. */
async function loadPlanSettingsPage(): Promise<PageData> {
  const [plan, defaults, postmortem, profile] = await Promise.all([
    api.plan({ from: '1970-01-01', to: '1970-01-01' }),
    api.planDefaults(),
    api.postmortem(),
    api.profile(),
  ]);
  return { plan, defaults, postmortem, profile };
}

/** /plan/settings: the settings a plan is built from, prefilled from the plan or the postmortem. */
export function PlanSettingsPage() {
  usePageTitle('Plan settings');
  const { state, retry } = useLoad(loadPlanSettingsPage);

  if (state.status === 'loading') return <Loading label="Loading your plan settings…" lines={5} />;
  if (state.status === 'error') return <LoadError error={state.error} onRetry={retry} what="your plan settings" />;

  const data = state.data;
  const hasPlan = data.plan.plan !== null;
  const profile = data.profile.profile;

  return (
    <div className="plan-settings">
      <div className="page-heading">
        <h1>{hasPlan ? 'Your plan settings' : 'Build your plan'}</h1>
        <p className="lead">
          {profile
            ? `Your hours, your rotation and your practice exams, turned into a dated plan from today to ${formatLongDate(profile.examDate)}.`
            : 'Your hours, your rotation and your practice exams, turned into a dated plan to your exam date.'}
        </p>
      </div>
      {profile ? null : (
        <Callout tone="warning" title="Set up your profile first" role="note">
          <p>
            The plan runs to your exam date, which lives in your profile. <Link to="/profile">Set up your profile</Link>
          </p>
        </Callout>
      )}
      <PostmortemChanges defaults={data.defaults} postmortem={data.postmortem} />
      <div className="card form-card">
        <PlanSettingsForm data={data} />
      </div>
    </div>
  );
}
