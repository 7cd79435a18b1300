import { useState } from 'react';
import { parseCsv } from '#domain/journal/csv.ts';
import { CSV_FIELDS, type CsvField, type ImportPreview } from '#shared/contracts/journal.ts';
import { toApiError } from '../../api/client.ts';
import { Field } from '../../components/form.tsx';
import { journalApi } from './journal-api.ts';

const FIELD_NAMES: Record<CsvField, string> = {
  bank: 'Bank (required)',
  questionId: 'Question id',
  system: 'System',
  discipline: 'Discipline',
  errorType: 'Why you missed it (required)',
  keyPoint: 'Key point (required)',
  wrongOptions: 'Wrong options ("A: why; B: why")',
  teachingPoint: 'Teaching point',
  ruleWhen: 'Rule: when',
  ruleThen: 'Rule: do',
  ruleBecause: 'Rule: because',
  confidence: 'Confidence',
};

/** A column whose header is the field's id or name is mapped to it at first. */
function guessMapping(header: readonly string[]): Partial<Record<CsvField, string>> {
  const norm = (s: string) => s.toLowerCase().replaceAll(/[^a-z]/g, '');
  const mapping: Partial<Record<CsvField, string>> = {};
  for (const field of CSV_FIELDS) {
    const column = header.find((h) => norm(h) === norm(field) || norm(FIELD_NAMES[field]).startsWith(norm(h)));
    if (column) mapping[field] = column;
  }
  return mapping;
}

/** CSV import: choose the file, map its columns, preview every refused row and why, then import. */
export function ImportCsv({ onImported }: { onImported: (count: number) => void }) {
  const [csv, setCsv] = useState('');
  const [header, setHeader] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Partial<Record<CsvField, string>>>({});
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function readFile(file: File) {
    const text = await file.text();
    setCsv(text);
    setPreview(null);
    const parsed = parseCsv(text);
    const first = parsed.ok ? (parsed.value[0] ?? []) : [];
    setError(parsed.ok ? null : parsed.error.message);
    setHeader(first);
    setMapping(guessMapping(first));
  }

  async function send(commit: boolean) {
    setIsBusy(true);
    setError(null);
    try {
      const result = await journalApi.importCsv({ csv, mapping, commit });
      setPreview(result);
      if (commit) onImported(result.ids.length);
    } catch (caught) {
      const e = toApiError(caught);
      setError([e.message, ...Object.values(e.fields)].join(' '));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <div className="journal-import">
      <Field id="journal-import-file" label="CSV file" hint="The first row must name the columns.">
        <input
          id="journal-import-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void readFile(file);
          }}
        />
      </Field>
      {header.length > 0 ? (
        <fieldset className="field-group">
          <legend>Which column fills which field</legend>
          {CSV_FIELDS.map((field) => (
            <Field key={field} id={`map-${field}`} label={FIELD_NAMES[field]}>
              <select
                id={`map-${field}`}
                value={mapping[field] ?? ''}
                onChange={(e) => {
                  const { [field]: _old, ...rest } = mapping;
                  setMapping(e.target.value === '' ? rest : { ...rest, [field]: e.target.value });
                  setPreview(null);
                }}
              >
                <option value="">(none)</option>
                {header.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </Field>
          ))}
        </fieldset>
      ) : null}
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button
          type="button"
          className="button button--secondary"
          disabled={!csv || isBusy}
          onClick={() => send(false)}
        >
          Preview
        </button>
        <button
          type="button"
          className="button button--primary"
          disabled={!preview || preview.accepted === 0 || preview.ids.length > 0 || isBusy}
          onClick={() => send(true)}
        >
          {preview ? `Import ${preview.accepted} ${preview.accepted === 1 ? 'row' : 'rows'}` : 'Import'}
        </button>
      </div>
      {preview ? (
        <div data-testid="import-preview" aria-live="polite">
          <p>
            {preview.ids.length > 0
              ? `Imported ${preview.ids.length}`
              : `${preview.accepted} of ${preview.rows} rows can be imported`}
            {preview.refused.length > 0 ? `; ${preview.refused.length} refused:` : '.'}
          </p>
          <ul className="import-refused">
            {preview.refused.map((r) => (
              <li key={r.row}>
                Row {r.row}:{' '}
                {Object.entries(r.reasons)
                  .map(([field, reason]) => `${field}: ${reason}`)
                  .join(' · ')}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
