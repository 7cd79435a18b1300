import type { ReactNode } from 'react';
import { FieldError } from '../../../components/form.tsx';
import { settingsDomId } from '../plan-settings-values.ts';
import { CompactInput, type Errors } from './fields.tsx';

/**
 * A list of rows the student adds to and removes from: the weekly protected hours and the dated
 * exceptions. Each row is a fieldset whose id is its settings path (`settings.protectedTime.0`), so
 * the server's errors land on the row or on the input inside it; `renderFields` draws the inputs.
 */
export function RowList<Row extends { key: number }>({
  path,
  rows,
  onRowsChange,
  errors,
  empty,
  legendName,
  rowName,
  addLabel,
  newRow,
  gridClassName,
  renderFields,
}: {
  /** The list's settings path, e.g. `settings.exceptions`. */
  path: string;
  rows: readonly Row[];
  onRowsChange: (change: (rows: Row[]) => Row[]) => void;
  errors: Errors;
  /** Shown while the list is empty. */
  empty: ReactNode;
  /** For screen readers: "Dated exception, row 2". */
  legendName: string;
  /** On screen: "Date 2", "Remove date 2". */
  rowName: string;
  addLabel: string;
  newRow: () => Row;
  gridClassName: string;
  renderFields: (row: Row, base: string, setRow: (change: Partial<Row>) => void) => ReactNode;
}) {
  return (
    <div id={settingsDomId(path)} tabIndex={-1} className="rows">
      {rows.length === 0 ? <p className="muted">{empty}</p> : null}
      <ul className="row-list">
        {rows.map((row, index) => {
          const base = `${path}.${index}`;
          const setRow = (change: Partial<Row>) =>
            onRowsChange((current) => current.map((r) => (r.key === row.key ? { ...r, ...change } : r)));
          return (
            <li key={row.key} className={`row-card${errors[base] ? ' field--invalid' : ''}`}>
              <fieldset id={settingsDomId(base)} tabIndex={-1}>
                <legend className="visually-hidden">
                  {legendName}, row {index + 1}
                </legend>
                <div className="row-head">
                  <p className="row-title">
                    {rowName} {index + 1}
                  </p>
                  <button
                    type="button"
                    className="button button--link"
                    onClick={() => onRowsChange((current) => current.filter((r) => r.key !== row.key))}
                  >
                    Remove
                    <span className="visually-hidden">
                      {' '}
                      {rowName.toLowerCase()} {index + 1}
                    </span>
                  </button>
                </div>
                <div className={`row-grid ${gridClassName}`}>{renderFields(row, base, setRow)}</div>
                <FieldError id={settingsDomId(base)} error={errors[base]} />
              </fieldset>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="button button--secondary button--small"
        onClick={() => onRowsChange((current) => [...current, newRow()])}
      >
        {addLabel}
      </button>
      <FieldError id={settingsDomId(path)} error={errors[path]} />
    </div>
  );
}

/** The time range and label of a protected-hours row or a dated exception. */
export function RangeAndLabel({
  base,
  row,
  errors,
  labels,
  onChange,
}: {
  base: string;
  row: { start: string; end: string; label: string };
  errors: Errors;
  labels: { from: string; to: string; label: string; placeholder: string };
  onChange: (change: { start?: string; end?: string; label?: string }) => void;
}) {
  return (
    <>
      <CompactInput
        path={`${base}.start`}
        type="time"
        label={labels.from}
        value={row.start}
        errors={errors}
        onChange={(start) => onChange({ start })}
      />
      <CompactInput
        path={`${base}.end`}
        type="time"
        label={labels.to}
        value={row.end}
        errors={errors}
        onChange={(end) => onChange({ end })}
      />
      <CompactInput
        path={`${base}.label`}
        type="text"
        label={labels.label}
        placeholder={labels.placeholder}
        value={row.label}
        errors={errors}
        onChange={(label) => onChange({ label })}
      />
    </>
  );
}
