import { FieldError, FormSection } from '../../../components/form.tsx';
import { settingsDomId } from '../plan-settings-values.ts';
import { CompactInput, PostmortemTag } from './fields.tsx';
import type { SectionProps } from './section-props.ts';

export function SleepSection({ values, errors, update, changeFor }: SectionProps) {
  const sleepError = errors['settings.sleep'];
  const change = changeFor('sleep.start') ?? changeFor('sleep.end');
  return (
    <FormSection
      id="section-sleep"
      title="Sleep"
      description="A fixed window. Nothing is ever planned into it, not even to catch up."
    >
      <fieldset
        className={`field${sleepError ? ' field--invalid' : ''}`}
        id={settingsDomId('settings.sleep')}
        tabIndex={-1}
      >
        <legend className="field-label">Your sleep window</legend>
        {change ? (
          <div className="field-hint">
            <PostmortemTag change={change} />
          </div>
        ) : null}
        <div className="row-inputs">
          <CompactInput
            path="settings.sleep.start"
            type="time"
            label="Lights out"
            value={values.sleep.start}
            errors={errors}
            onChange={(start) => update((v) => ({ ...v, sleep: { ...v.sleep, start } }))}
          />
          <CompactInput
            path="settings.sleep.end"
            type="time"
            label="Wake up"
            value={values.sleep.end}
            errors={errors}
            onChange={(end) => update((v) => ({ ...v, sleep: { ...v.sleep, end } }))}
          />
        </div>
        <FieldError id={settingsDomId('settings.sleep')} error={sleepError} />
      </fieldset>
    </FormSection>
  );
}
