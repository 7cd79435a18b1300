import type { ReactNode } from 'react';
import type { SettingChange } from '#domain/postmortem/countermeasures.ts';
import { FieldError } from '../../../components/form.tsx';
import { describeChange } from '../plan-labels.ts';
import { settingsDomId } from '../plan-settings-values.ts';

export type Errors = Readonly<Record<string, string>>;

/** "Set by your postmortem (was 10)": beside a field the postmortem changed. */
export function PostmortemTag({ change }: { change: SettingChange }) {
  const { was } = describeChange(change);
  return (
    <span className="pm-tag" data-testid="postmortem-tag">
      Set by your postmortem{was ? ` (was ${was})` : ''}
    </span>
  );
}

/** A hint with the postmortem's tag after it, or nothing when there is neither. */
export function hintWithTag(hint: ReactNode, change: SettingChange | undefined): ReactNode {
  if (!hint && !change) return null;
  return (
    <>
      {hint}
      {change ? <PostmortemTag change={change} /> : null}
    </>
  );
}

/** A number input with its unit, label, hint and error, wired by the settings path. */
export function NumberField({
  path,
  label,
  unit,
  hint,
  value,
  onChange,
  errors,
  min,
  max,
  step = 1,
  change,
  placeholder,
}: {
  path: string;
  label: string;
  unit: string;
  hint?: ReactNode;
  value: string;
  onChange: (value: string) => void;
  errors: Errors;
  min: number;
  max: number;
  step?: number;
  change?: SettingChange | undefined;
  placeholder?: string;
}) {
  const id = settingsDomId(path);
  const error = errors[path];
  const fullHint = hintWithTag(hint, change);
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {fullHint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {fullHint}
        </div>
      ) : null}
      <div className="input-with-unit">
        <input
          id={id}
          name={id}
          type="number"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          className="input--short"
          value={value}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={
            [fullHint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
          }
          onChange={(event) => onChange(event.target.value)}
        />
        <span className="input-unit">{unit}</span>
      </div>
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A small labelled input inside a row: a time, a date or a line of text. */
export function CompactInput({
  path,
  label,
  type,
  value,
  onChange,
  errors,
  placeholder,
}: {
  path: string;
  label: string;
  type: 'time' | 'date' | 'text';
  value: string;
  onChange: (value: string) => void;
  errors: Errors;
  placeholder?: string;
}) {
  const id = settingsDomId(path);
  const error = errors[path];
  const inputClass = type === 'time' ? 'input--time' : type === 'date' ? 'input--date' : undefined;
  return (
    <div className={`field field--compact${type === 'text' ? ' field--grow' : ''}${error ? ' field--invalid' : ''}`}>
      <label className="field-label field-label--small" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        name={id}
        type={type}
        className={inputClass}
        maxLength={type === 'text' ? 60 : undefined}
        placeholder={placeholder}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      <FieldError id={id} error={error} />
    </div>
  );
}

/** A labelled select inside a row. */
export function CompactSelect<T extends string>({
  path,
  label,
  value,
  options,
  onChange,
}: {
  path: string;
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  const id = settingsDomId(path);
  return (
    <div className="field field--compact">
      <label className="field-label field-label--small" htmlFor={id}>
        {label}
      </label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A checkbox with a bold line and a detail, and the postmortem's tag when it set it. */
export function CheckboxField({
  path,
  title,
  detail,
  checked,
  onChange,
  errors,
  change,
}: {
  path: string;
  title: string;
  detail: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  errors: Errors;
  change?: SettingChange | undefined;
}) {
  const id = settingsDomId(path);
  return (
    <div className="field">
      <label className="choice" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={`${id}-hint`}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span>
          <strong>{title}</strong>
          <span className="choice-detail" id={`${id}-hint`}>
            {detail}
          </span>
          {change ? <PostmortemTag change={change} /> : null}
        </span>
      </label>
      <FieldError id={id} error={errors[path]} />
    </div>
  );
}
