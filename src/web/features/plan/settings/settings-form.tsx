import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { PlanResponse } from '#shared/contracts/plan.ts';
import type { PostmortemResponse } from '#shared/contracts/postmortem.ts';
import type { ProfileResponse } from '#shared/contracts/profile.ts';
import { toApiError } from '../../../api/client.ts';
import { api, type PlanDefaultsResponse } from '../../../api/endpoints.ts';
import { ErrorSummary, SubmitButton, type SummaryItem } from '../../../components/form.tsx';
import {
  applySettingsPatch,
  normaliseField,
  settingsDomId,
  toSettingsBody,
  valuesFromSettings,
  type PlanSettingsFormValues,
} from '../plan-settings-values.ts';
import { BankSection } from './bank-section.tsx';
import { confirmationKey, putBack, undoneCountermeasures, type Undone } from './countermeasure-guard.ts';
import { ExamsSection } from './exams-section.tsx';
import { ExceptionsSection } from './exceptions-section.tsx';
import { HoursSection } from './hours-section.tsx';
import { ProtectedSection } from './protected-section.tsx';
import { RestSection } from './rest-section.tsx';
import { ConfirmUndoneCallout, InfeasibleCallout, ProfileCallout } from './save-problems.tsx';
import type { SectionProps } from './section-props.ts';
import { SleepSection } from './sleep-section.tsx';
import { waysOutFrom, type WayOutOffer } from './ways-out.ts';

export type PageData = {
  plan: PlanResponse;
  defaults: PlanDefaultsResponse;
  postmortem: PostmortemResponse;
  profile: ProfileResponse;
};

type SaveProblem =
  | { kind: 'infeasible'; message: string; waysOut: WayOutOffer[] }
  | { kind: 'profile'; message: string }
  | { kind: 'confirm'; undone: Undone[] }
  | null;

/** The settings form: its sections, the save, and what stands in the way of a save. */
export function PlanSettingsForm({ data }: { data: PageData }) {
  const navigate = useNavigate();
  const hasPlan = data.plan.plan !== null;
  const [initial] = useState<PlanSettingsFormValues>(() =>
    valuesFromSettings(data.plan.plan?.settings ?? data.defaults.settings),
  );
  const [values, setValues] = useState<PlanSettingsFormValues>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<SaveProblem>(null);
  const [confirmed, setConfirmed] = useState<ReadonlySet<string>>(new Set());
  const [attempt, setAttempt] = useState(0);
  const [isBusy, setIsBusy] = useState(false);
  const problemRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (problem) problemRef.current?.focus();
  }, [problem, attempt]);

  const examDate = data.plan.plan?.examDate ?? data.profile.profile?.examDate ?? null;
  const changeFor = (setting: string) => data.defaults.changes.find((change) => change.setting === setting);
  const causeNames = new Map<string, string>(
    data.postmortem.postmortem?.diagnosis.causes.map((c) => [c.id, c.name]) ?? [],
  );
  const update: SectionProps['update'] = (change) => setValues(change);
  const sectionProps: SectionProps = { values, errors, update, changeFor };

  function fail(caught: unknown) {
    const error = toApiError(caught);
    const fields = Object.fromEntries(
      Object.entries(error.fields).map(([field, text]) => [normaliseField(field), text]),
    );
    setErrors(fields);
    if (error.code === 'PLAN_INFEASIBLE') {
      setProblem({ kind: 'infeasible', message: error.message, waysOut: waysOutFrom(error.details) });
    } else if (error.code === 'PROFILE_MISSING') {
      setProblem({ kind: 'profile', message: error.message });
    } else if (Object.keys(fields).length === 0) {
      setMessage(error.message);
    }
    setAttempt((n) => n + 1);
    setIsBusy(false);
  }

  /** Saves `current`, after asking about any postmortem setting it undoes that is not yet confirmed. */
  async function save(current: PlanSettingsFormValues, alsoConfirmed: ReadonlySet<string> = confirmed) {
    const undone = undoneCountermeasures(current, initial, data.defaults.changes, data.defaults.settings).filter(
      (item) => !alsoConfirmed.has(confirmationKey(item)),
    );
    setErrors({});
    setMessage(null);
    if (undone.length > 0) {
      setProblem({ kind: 'confirm', undone });
      setAttempt((n) => n + 1);
      return;
    }
    setProblem(null);
    setIsBusy(true);
    try {
      await api.savePlan({ settings: toSettingsBody(current) });
      navigate('/plan?view=month');
    } catch (caught) {
      fail(caught);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void save(values);
  }

  /** One tap on a way out: its settings go into the form (or the exam date into the profile), then save. */
  async function applyWayOut(way: WayOutOffer) {
    const next = way.settingsPatch ? applySettingsPatch(values, way.settingsPatch) : values;
    setValues(next);
    if (way.examDate) {
      const profile = data.profile.profile;
      if (!profile) {
        setProblem({ kind: 'profile', message: 'A later exam date is saved in your profile, and there is none yet.' });
        return;
      }
      setIsBusy(true);
      try {
        const { updatedAt: _updatedAt, ...body } = profile;
        await api.saveProfile({ ...body, examDate: way.examDate });
      } catch (caught) {
        fail(caught);
        return;
      }
    }
    await save(next);
  }

  function confirmAndSave() {
    if (problem?.kind !== 'confirm') return;
    const next = new Set(confirmed);
    for (const item of problem.undone) next.add(confirmationKey(item));
    setConfirmed(next);
    void save(values, next);
  }

  function putBackAndAsk() {
    if (problem?.kind !== 'confirm') return;
    setValues((v) => putBack(v, problem.undone, data.defaults.settings));
    setProblem(null);
  }

  /** The nearest element on the page for an error path (a row, a list, a section). */
  function summaryItems(): SummaryItem[] {
    return Object.entries(errors).map(([field, text]) => {
      let path = field.replace(/^settings\.practiceExams\.\d+$/, 'settings.practiceExams');
      while (path.includes('.') && !document.getElementById(settingsDomId(path))) {
        path = path.slice(0, path.lastIndexOf('.'));
      }
      return { fieldId: settingsDomId(path), message: text };
    });
  }

  return (
    <form className="plan-settings-form" onSubmit={onSubmit} noValidate aria-label="Plan settings">
      {problem?.kind === 'infeasible' ? (
        <InfeasibleCallout
          ref={problemRef}
          message={problem.message}
          waysOut={problem.waysOut}
          isBusy={isBusy}
          onApply={(way) => void applyWayOut(way)}
        />
      ) : null}
      {problem?.kind === 'profile' ? <ProfileCallout ref={problemRef} message={problem.message} /> : null}
      {problem?.kind === 'confirm' ? (
        <ConfirmUndoneCallout
          ref={problemRef}
          undone={problem.undone}
          causeName={(cause) => causeNames.get(cause) ?? cause}
          onConfirm={confirmAndSave}
          onPutBack={putBackAndAsk}
        />
      ) : null}
      {problem ? null : (
        <ErrorSummary
          title="Some settings need a change before we can build the plan"
          message={message}
          items={Object.keys(errors).length > 0 ? summaryItems() : []}
          focusKey={attempt}
        />
      )}

      <HoursSection {...sectionProps} />
      <SleepSection {...sectionProps} />
      <ProtectedSection {...sectionProps} today={data.plan.today} examDate={examDate} />
      <ExceptionsSection {...sectionProps} today={data.plan.today} />
      <BankSection {...sectionProps} examDate={examDate} />
      <ExamsSection {...sectionProps} />
      <RestSection {...sectionProps} />

      <div className="form-actions">
        <SubmitButton isBusy={isBusy} busyLabel={hasPlan ? 'Re-planning…' : 'Building your plan…'}>
          {hasPlan ? 'Save and re-plan from today' : 'Build my plan'}
        </SubmitButton>
        <Link to={hasPlan ? '/plan' : '/'} className="button button--secondary">
          Cancel
        </Link>
        <p className="small muted form-actions-note">
          {hasPlan
            ? 'The plan is rebuilt from today. Past days and everything you marked done stay exactly as they are.'
            : 'The plan runs from today to your exam date. You can change these settings at any time.'}
        </p>
      </div>
    </form>
  );
}
