import { FormSection, FieldError } from '../../../components/form.tsx';
import { PRACTICE_FORMS_IN_ORDER, settingsDomId } from '../plan-settings-values.ts';
import { CheckboxField, NumberField } from './fields.tsx';
import type { SectionProps } from './section-props.ts';

export function ExamsSection({ values, errors, update, changeFor }: SectionProps) {
  return (
    <FormSection
      id="section-exams"
      title="Practice exams"
      description="The forms you own and have not taken yet; the plan spaces them out, the last one 5 to 10 days before the exam."
    >
      <fieldset
        className={`field${errors['settings.practiceExams'] ? ' field--invalid' : ''}`}
        id={settingsDomId('settings.practiceExams')}
        tabIndex={-1}
      >
        <legend className="field-label">Practice exams you own</legend>
        <div className="chips">
          {PRACTICE_FORMS_IN_ORDER.map((form) => {
            const isChecked = values.practiceExams.includes(form.id);
            return (
              <label key={form.id} className={`chip${isChecked ? ' chip--on' : ''}`}>
                <input
                  type="checkbox"
                  value={form.id}
                  checked={isChecked}
                  onChange={(event) =>
                    update((v) => ({
                      ...v,
                      practiceExams: event.target.checked
                        ? [...v.practiceExams, form.id]
                        : v.practiceExams.filter((id) => id !== form.id),
                    }))
                  }
                />
                <span>{form.name}</span>
              </label>
            );
          })}
        </div>
        <p className="chip-count">{values.practiceExams.length} chosen</p>
        <FieldError id={settingsDomId('settings.practiceExams')} error={errors['settings.practiceExams']} />
      </fieldset>
      <NumberField
        path="settings.practiceExamEveryDays"
        label="Days between practice exams, at the least"
        unit="days"
        hint="Each practice exam is followed by a day of deep review."
        min={3}
        max={30}
        value={values.practiceExamEveryDays}
        errors={errors}
        change={changeFor('practiceExamEveryDays')}
        onChange={(practiceExamEveryDays) => update((v) => ({ ...v, practiceExamEveryDays }))}
      />
      <NumberField
        path="settings.fullLengthDays"
        label="Full-length simulation days"
        unit="days"
        hint="A whole exam day, timed, with the real breaks, to build endurance."
        min={0}
        max={6}
        value={values.fullLengthDays}
        errors={errors}
        change={changeFor('fullLengthDays')}
        onChange={(fullLengthDays) => update((v) => ({ ...v, fullLengthDays }))}
      />
      <CheckboxField
        path="settings.readinessGate"
        title="Let the readiness check move my exam date"
        detail="When your practice scores say delay and there is still time to move the date cheaply, the new date is put in front of you on the home screen, ready to accept with one tap. Off: the check still says so, and you pick the date yourself."
        checked={values.readinessGate}
        errors={errors}
        change={changeFor('flags.hardReadinessGate')}
        onChange={(readinessGate) => update((v) => ({ ...v, readinessGate }))}
      />
    </FormSection>
  );
}
