import { FieldError, FormSection } from '../../../components/form.tsx';
import { WEEKDAY_OPTIONS } from '../plan-labels.ts';
import { settingsDomId } from '../plan-settings-values.ts';
import { PostmortemTag } from './fields.tsx';
import type { SectionProps } from './section-props.ts';

export function RestSection({ values, errors, update, changeFor }: SectionProps) {
  const id = settingsDomId('settings.restWeekday');
  const change = changeFor('restWeekday');
  return (
    <FormSection id="section-rest" title="Rest day" description="The day of the week that carries most of your rest.">
      <div className={`field${errors['settings.restWeekday'] ? ' field--invalid' : ''}`}>
        <label className="field-label" htmlFor={id}>
          Weekly rest day
        </label>
        {change ? (
          <div className="field-hint">
            <PostmortemTag change={change} />
          </div>
        ) : null}
        <select
          id={id}
          className="input--medium"
          value={values.restWeekday}
          onChange={(event) => update((v) => ({ ...v, restWeekday: event.target.value }))}
        >
          {WEEKDAY_OPTIONS.map((day) => (
            <option key={day.value} value={String(day.value)}>
              {day.label}
            </option>
          ))}
        </select>
        <FieldError id={id} error={errors['settings.restWeekday']} />
      </div>
    </FormSection>
  );
}
