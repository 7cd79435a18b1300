import { FormSection } from '../../../components/form.tsx';
import { EXCEPTION_KINDS, newExceptionRow, type ExceptionRow } from '../plan-settings-values.ts';
import { CompactInput, CompactSelect } from './fields.tsx';
import { RangeAndLabel, RowList } from './row-list.tsx';
import type { SectionProps } from './section-props.ts';

export function ExceptionsSection({ values, errors, update, today }: SectionProps & { today: string }) {
  return (
    <FormSection
      id="section-exceptions"
      title="Dated exceptions"
      description="Single days that are different: a shift, a call night, a break you plan ahead. Leave the times empty for the whole day. A time range that ends before it starts ends the next morning; 07:00 to 07:00 is a 24-hour call."
    >
      <RowList<ExceptionRow>
        path="settings.exceptions"
        rows={values.exceptions}
        onRowsChange={(change) => update((v) => ({ ...v, exceptions: change(v.exceptions) }))}
        errors={errors}
        empty="None yet. A wedding, a call night, a week off? Add it now and the plan goes around it."
        legendName="Dated exception"
        rowName="Date"
        addLabel="Add a date"
        newRow={() => newExceptionRow(today)}
        gridClassName="row-grid--exception"
        renderFields={(row, base, setRow) => (
          <>
            <CompactInput
              path={`${base}.date`}
              type="date"
              label="Date"
              value={row.date}
              errors={errors}
              onChange={(date) => setRow({ date })}
            />
            <CompactSelect
              path={`${base}.kind`}
              label="Kind"
              value={row.kind}
              options={EXCEPTION_KINDS}
              onChange={(kind) => setRow({ kind })}
            />
            <RangeAndLabel
              base={base}
              row={row}
              errors={errors}
              labels={{
                from: 'From (optional)',
                to: 'To (optional)',
                label: 'Label (optional)',
                placeholder: 'Call night',
              }}
              onChange={setRow}
            />
          </>
        )}
      />
    </FormSection>
  );
}
