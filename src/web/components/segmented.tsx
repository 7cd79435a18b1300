import type { ReactNode } from 'react';
import { FieldError } from './form.tsx';

export type SegmentedOption<T extends string> = { value: T; label: string };

/**
 * Radio buttons drawn as one row of big buttons. `id` names the group: the radios share it as their
 * name, each has `<id>-<value>`, and the error is `<id>-error`. With `idOn: 'fieldset'` the fieldset
 * carries the id (an error summary links to the group); with `'first-option'` the first radio does
 * (the link lands on a control that takes focus).
 */
export function Segmented<T extends string>({
  id,
  legend,
  hint,
  options,
  value,
  onChange,
  error,
  idOn = 'fieldset',
  fill = false,
}: {
  id: string;
  legend: string;
  /** Under the legend: what the choice means, a tag saying who set it. */
  hint?: ReactNode;
  options: readonly SegmentedOption<T>[];
  value: T;
  onChange: (value: T) => void;
  error?: string | undefined;
  idOn?: 'fieldset' | 'first-option';
  /** Options share the row's whole width. */
  fill?: boolean;
}) {
  const onFieldset = idOn === 'fieldset';
  return (
    <fieldset
      className={`field${error ? ' field--invalid' : ''}`}
      id={onFieldset ? id : undefined}
      tabIndex={onFieldset ? -1 : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend className="field-label">{legend}</legend>
      {hint ? <div className="field-hint">{hint}</div> : null}
      <div className={`segmented${fill ? ' segmented--fill' : ''}`}>
        {options.map((option, index) => (
          <label key={option.value} className="segmented-option">
            <input
              type="radio"
              name={id}
              id={!onFieldset && index === 0 ? id : `${id}-${option.value}`}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      <FieldError id={id} error={error} />
    </fieldset>
  );
}
