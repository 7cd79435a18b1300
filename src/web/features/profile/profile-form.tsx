import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { ProfileResponse } from '#shared/contracts/profile.ts';
import type { ReferenceResponse } from '#shared/contracts/reference.ts';
import type { TierId } from '#domain/risk/specialties.ts';
import { browserTimeZone, toApiError } from '../../api/client.ts';
import { api } from '../../api/endpoints.ts';
import { formatShortDate } from '../../components/dates.ts';
import {
  ErrorSummary,
  Field,
  FieldError,
  FormSection,
  SubmitButton,
  inputProps,
  type SummaryItem,
} from '../../components/form.tsx';
import {
  PROFILE_FIELD_IDS,
  effectiveTier,
  inFormOrder,
  initialValues,
  needsBackupSpecialty,
  timeZoneLabel,
  timeZoneOptions,
  toRequestBody,
  type ProfileFormValues,
} from './profile-values.ts';

const FAIL_COUNT_OPTIONS = [
  { value: '0', label: '0', id: 'failCount-0' },
  { value: '1', label: '1', id: 'failCount-1' },
  { value: '2+', label: '2 or more', id: 'failCount-2plus' },
];

type Props = {
  reference: ReferenceResponse;
  response: ProfileResponse;
  onSaved: (response: ProfileResponse) => void;
  onCancel?: (() => void) | undefined;
  focusFieldId?: string | null | undefined;
};

export function ProfileForm({ reference, response, onSaved, onCancel, focusFieldId }: Props) {
  const [values, setValues] = useState<ProfileFormValues>(() => initialValues(response, browserTimeZone()));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [summaryItems, setSummaryItems] = useState<SummaryItem[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const zones = useMemo(() => timeZoneOptions(values.timeZone), [values.timeZone]);
  const { defaults } = response;

  useEffect(() => {
    if (focusFieldId) document.getElementById(focusFieldId)?.focus();
  }, [focusFieldId]);

  function set<K extends keyof ProfileFormValues>(key: K, value: ProfileFormValues[K]) {
    setValues((current) => ({ ...current, [key]: value }));
  }

  const tierId = effectiveTier(values, reference);
  const tier = tierId ? reference.tiers[tierId] : null;
  const showBackup = needsBackupSpecialty(values, reference);
  const buffer = Number(values.bufferPoints);
  const hasValidBuffer = values.bufferPoints.trim() !== '' && Number.isInteger(buffer) && buffer >= 0 && buffer <= 20;
  const isOther = values.specialty === 'other';
  const tiersInOrder = Object.values(reference.tiers);
  const { min: recommendedMin, max: recommendedMax } = defaults.recommendedBuffer;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsBusy(true);
    setMessage(null);
    try {
      const saved = await api.saveProfile(toRequestBody(values, reference));
      setFields({});
      setSummaryItems([]);
      onSaved(saved);
    } catch (caught) {
      const error = toApiError(caught);
      const nextFields: Record<string, string> = {};
      const items: SummaryItem[] = [];
      const loose: string[] = [];
      for (const field of inFormOrder(Object.keys(error.fields))) {
        const text = error.fields[field] ?? '';
        const fieldId = PROFILE_FIELD_IDS[field as keyof ProfileFormValues];
        if (fieldId) {
          nextFields[field] = text;
          items.push({ fieldId, message: text });
        } else {
          loose.push(text);
        }
      }
      setFields(nextFields);
      setSummaryItems(items);
      setMessage(items.length === 0 ? error.message : loose.length > 0 ? loose.join(' ') : null);
      setIsBusy(false);
    }
  }

  const specialtyHint = tier ? (
    values.specialty === 'undecided' ? (
      <>
        Until you decide, you plan against the <strong>{tier.name.toLowerCase()}</strong> target ({tier.targetScore}+):
        it keeps most doors open.
      </>
    ) : (
      <>
        Tier: <strong>{tier.name}</strong> · risk after a fail: {tier.risk} · target {tier.targetScore}+
      </>
    )
  ) : (
    'Choose the closest match. You can change it at any time.'
  );

  const reviewHint = (
    <>
      <span className="hint-line">
        Suggested: {formatShortDate(defaults.reviewStartDate)}
        {defaults.reviewStartIsEstimate ? (
          <span className="tag tag--estimate" data-testid="review-start-estimate">
            Estimate
          </span>
        ) : null}
      </span>
      <span className="hint-line hint-source">{defaults.reviewStartSource}</span>
    </>
  );

  const bufferHint = `Points added on top of your tier target. We recommend ${recommendedMin}–${recommendedMax}: practice scores wobble, and test day can come in lower.`;

  return (
    <form className="profile-form" onSubmit={onSubmit} noValidate aria-label="Your profile">
      <ErrorSummary title="Some answers need a change before we can save" message={message} items={summaryItems} />

      <FormSection
        id="section-record"
        title="Where you are"
        description="Your record so far. It sets how much a strong Step 2 CK has to carry."
      >
        <fieldset
          className={`field${fields.failCount ? ' field--invalid' : ''}`}
          aria-describedby={['failCount-hint', fields.failCount ? 'failCount-error' : ''].filter(Boolean).join(' ')}
        >
          <legend className="field-label">How many USMLE exams have you failed so far?</legend>
          <p className="field-hint" id="failCount-hint">
            Count every failed attempt at any Step, Step 1 included.
          </p>
          <div className="segmented">
            {FAIL_COUNT_OPTIONS.map((option) => (
              <label key={option.value} className="segmented-option">
                <input
                  type="radio"
                  name="failCount"
                  id={option.id}
                  value={option.value}
                  checked={values.failCount === option.value}
                  onChange={() => set('failCount', option.value)}
                />
                <span>{option.label}</span>
              </label>
            ))}
          </div>
          <FieldError id="failCount" error={fields.failCount} />
        </fieldset>

        <Field id="schoolType" label="Your school" error={fields.schoolType}>
          <select
            {...inputProps('schoolType', { error: fields.schoolType })}
            value={values.schoolType}
            onChange={(e) => set('schoolType', e.target.value)}
          >
            <option value="">Choose your school type…</option>
            {reference.schoolTypes.map((type) => (
              <option key={type.id} value={type.id}>
                {type.name}
              </option>
            ))}
          </select>
        </Field>
      </FormSection>

      <FormSection
        id="section-aim"
        title="Where you are aiming"
        description="Your specialty sets the target score; the buffer protects it from a bad day."
      >
        <Field id="specialty" label="Specialty you are aiming for" hint={specialtyHint} error={fields.specialty}>
          <select
            {...inputProps('specialty', { hasHint: true, error: fields.specialty })}
            value={values.specialty}
            onChange={(e) => set('specialty', e.target.value)}
          >
            <option value="">Choose a specialty…</option>
            {tiersInOrder.map((t) => (
              <optgroup key={t.id} label={`${t.name} · target ${t.targetScore}+`}>
                {reference.specialties
                  .filter((s) => s.tier === t.id)
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
              </optgroup>
            ))}
            <optgroup label="Not listed, or not sure yet">
              {reference.specialties
                .filter((s) => s.tier === null)
                .map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.id === 'other' ? 'Another specialty' : s.name}
                  </option>
                ))}
            </optgroup>
          </select>
        </Field>

        {isOther ? (
          <div className="field-group" data-testid="other-specialty">
            <Field id="otherSpecialtyName" label="Which specialty?" error={fields.otherSpecialtyName}>
              <input
                {...inputProps('otherSpecialtyName', { error: fields.otherSpecialtyName })}
                type="text"
                maxLength={80}
                autoComplete="off"
                value={values.otherSpecialtyName}
                onChange={(e) => set('otherSpecialtyName', e.target.value)}
              />
            </Field>
            <Field
              id="otherTier"
              label="How competitive is it?"
              hint="Pick the group it is closest to; this sets your target."
              error={fields.otherTier}
            >
              <select
                {...inputProps('otherTier', {
                  hasHint: true,
                  error: fields.otherTier,
                })}
                value={values.otherTier}
                onChange={(e) => set('otherTier', e.target.value as TierId | '')}
              >
                <option value="">Choose a tier…</option>
                {tiersInOrder.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name} (target {t.targetScore}+)
                  </option>
                ))}
              </select>
            </Field>
          </div>
        ) : null}

        {showBackup ? (
          <Field
            id="backupSpecialty"
            label="Backup specialty (recommended)"
            hint="After a fail, a highly competitive specialty is a steep climb even with a very high score. Naming a plan B now costs nothing."
            error={fields.backupSpecialty}
          >
            <input
              {...inputProps('backupSpecialty', {
                hasHint: true,
                error: fields.backupSpecialty,
              })}
              type="text"
              maxLength={80}
              placeholder="For example: internal medicine"
              value={values.backupSpecialty}
              onChange={(e) => set('backupSpecialty', e.target.value)}
            />
          </Field>
        ) : null}

        <Field id="bufferPoints" label="Safety buffer (points)" hint={bufferHint} error={fields.bufferPoints}>
          <div className="buffer-row">
            <input
              {...inputProps('bufferPoints', { hasHint: true, error: fields.bufferPoints })}
              type="number"
              inputMode="numeric"
              min={0}
              max={20}
              step={1}
              className="input--short"
              value={values.bufferPoints}
              onChange={(e) => set('bufferPoints', e.target.value)}
            />
            <input
              type="range"
              min={0}
              max={20}
              step={1}
              aria-hidden="true"
              tabIndex={-1}
              className="buffer-range"
              value={hasValidBuffer ? buffer : defaults.bufferPoints}
              onChange={(e) => set('bufferPoints', e.target.value)}
            />
          </div>
          {tier && hasValidBuffer ? (
            <p className="field-preview" aria-live="polite">
              Planning target: {tier.targetScore} + {buffer} = <strong>{tier.targetScore + buffer}</strong>
            </p>
          ) : null}
        </Field>
      </FormSection>

      <FormSection
        id="section-timeline"
        title="Your timeline"
        description="When you sit the exam, and when programs start reading applications."
      >
        <Field
          id="examDate"
          label="Planned Step 2 CK date"
          hint="The day you plan to sit the exam. If it is not booked yet, use your best estimate."
          error={fields.examDate}
        >
          <input
            {...inputProps('examDate', { hasHint: true, error: fields.examDate })}
            type="date"
            className="input--date"
            min={defaults.today}
            value={values.examDate}
            onChange={(e) => set('examDate', e.target.value)}
          />
        </Field>

        <Field id="reviewStartDate" label="When programs start reviewing applications" error={fields.reviewStartDate}>
          <input
            {...inputProps('reviewStartDate', { hasHint: true, error: fields.reviewStartDate })}
            type="date"
            className="input--date"
            value={values.reviewStartDate}
            onChange={(e) => set('reviewStartDate', e.target.value)}
          />
          <div className="field-hint field-hint--below" id="reviewStartDate-hint">
            {reviewHint}
          </div>
          {values.reviewStartDate !== defaults.reviewStartDate ? (
            <button
              type="button"
              className="button button--link"
              onClick={() => set('reviewStartDate', defaults.reviewStartDate)}
            >
              Use the suggested date
            </button>
          ) : null}
        </Field>

        <Field
          id="timeZone"
          label="Your time zone"
          hint="Days to your exam are counted in this zone."
          error={fields.timeZone}
        >
          <select
            {...inputProps('timeZone', { hasHint: true, error: fields.timeZone })}
            value={values.timeZone}
            onChange={(e) => set('timeZone', e.target.value)}
          >
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {timeZoneLabel(zone)}
              </option>
            ))}
          </select>
        </Field>
      </FormSection>

      <div className="form-actions">
        <SubmitButton isBusy={isBusy} busyLabel="Saving…">
          {response.profile ? 'Save changes' : 'Save and see my target'}
        </SubmitButton>
        {onCancel ? (
          <button type="button" className="button button--secondary" onClick={onCancel} disabled={isBusy}>
            Cancel
          </button>
        ) : null}
        <p className="small muted form-actions-note">Nothing is saved until every answer checks out.</p>
      </div>
    </form>
  );
}
