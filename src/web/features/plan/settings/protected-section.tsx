import { useState } from 'react';
import {
  ROTATION_PRESETS,
  defaultPresetDates,
  isRotationPresetId,
  type RotationPresetId,
} from '#domain/plan/presets.ts';
import { FormSection } from '../../../components/form.tsx';
import { WEEKDAY_OPTIONS } from '../plan-labels.ts';
import { newProtectedRow, withRotationPreset, type ProtectedRow } from '../plan-settings-values.ts';
import { CompactSelect } from './fields.tsx';
import { RangeAndLabel, RowList } from './row-list.tsx';
import type { SectionProps } from './section-props.ts';

const WEEKDAY_CHOICES = WEEKDAY_OPTIONS.map((day) => ({ value: String(day.value), label: day.label }));

/**
 * One step to a common rotation: choose a preset, press "Fill in", and the rows below are the
 * preset's (`withRotationPreset`); every row stays editable. q4 call asks for its dates first.
 */
function RotationPresets({
  update,
  today,
  examDate,
}: Pick<SectionProps, 'update'> & { today: string; examDate: string | null }) {
  const [chosen, setChosen] = useState<RotationPresetId>('weekdays-7-17');
  const [dates, setDates] = useState(() => defaultPresetDates(today, examDate));
  const [filled, setFilled] = useState<string | null>(null);
  const preset = ROTATION_PRESETS.find((p) => p.id === chosen)!;
  const datesOk = dates.from !== '' && dates.until !== '' && dates.from <= dates.until;

  return (
    <div className="preset-box" data-testid="rotation-presets">
      <div className="field field--compact">
        <label className="field-label field-label--small" htmlFor="f-rotation-preset">
          Start from a rotation
        </label>
        <select
          id="f-rotation-preset"
          value={chosen}
          aria-describedby="f-rotation-preset-hint"
          onChange={(event) => {
            if (isRotationPresetId(event.target.value)) setChosen(event.target.value);
          }}
        >
          {ROTATION_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
        <p className="field-hint" id="f-rotation-preset-hint">
          {preset.detail} Replaces the weekly rows below; dates you entered yourself stay.
        </p>
      </div>
      {preset.isDated ? (
        <div className="row-inputs">
          <div className="field field--compact">
            <label className="field-label field-label--small" htmlFor="f-rotation-preset-from">
              First call day
            </label>
            <input
              id="f-rotation-preset-from"
              type="date"
              className="input--date"
              value={dates.from}
              onChange={(event) => setDates((d) => ({ ...d, from: event.target.value }))}
            />
          </div>
          <div className="field field--compact">
            <label className="field-label field-label--small" htmlFor="f-rotation-preset-until">
              Rotation ends
            </label>
            <input
              id="f-rotation-preset-until"
              type="date"
              className="input--date"
              value={dates.until}
              onChange={(event) => setDates((d) => ({ ...d, until: event.target.value }))}
            />
          </div>
        </div>
      ) : null}
      <button
        type="button"
        className="button button--secondary button--small"
        disabled={preset.isDated && !datesOk}
        onClick={() => {
          update((v) => withRotationPreset(v, chosen, preset.isDated ? dates : undefined));
          setFilled(preset.label);
        }}
      >
        Fill in
      </button>
      <p className="small muted" aria-live="polite" data-testid="preset-filled">
        {filled ? `Filled in from “${filled}”. Change any row below to match your own hours.` : null}
      </p>
    </div>
  );
}

export function ProtectedSection({
  values,
  errors,
  update,
  today,
  examDate,
}: SectionProps & { today: string; examDate: string | null }) {
  return (
    <FormSection
      id="section-protected"
      title="Rotation and work hours"
      description="Hours you cannot study, every week: a rotation, a job, a standing appointment. A range that ends before it starts, like 19:00 to 07:00, ends the next morning."
    >
      <RotationPresets update={update} today={today} examDate={examDate} />
      <RowList<ProtectedRow>
        path="settings.protectedTime"
        rows={values.protectedTime}
        onRowsChange={(change) => update((v) => ({ ...v, protectedTime: change(v.protectedTime) }))}
        errors={errors}
        empty="None yet. On a rotation? Choose it above, or add its hours so nothing is planned into them."
        legendName="Protected hours"
        rowName="Weekly hours"
        addLabel="Add weekly hours"
        newRow={newProtectedRow}
        gridClassName="row-grid--protected"
        renderFields={(row, base, setRow) => (
          <>
            <CompactSelect
              path={`${base}.weekday`}
              label="Day"
              value={row.weekday}
              options={WEEKDAY_CHOICES}
              onChange={(weekday) => setRow({ weekday })}
            />
            <RangeAndLabel
              base={base}
              row={row}
              errors={errors}
              labels={{ from: 'From', to: 'To', label: 'What it is', placeholder: 'Rotation' }}
              onChange={setRow}
            />
          </>
        )}
      />
    </FormSection>
  );
}
