import {
  SCOPE_DESCRIPTIONS,
  SCOPE_LABELS,
  SCOPES,
  WELLBEING_WARNING,
  type Scope,
  type Scopes,
} from '#domain/advisor/scopes.ts';

/** One checkbox per scope, with what it shares; the wellbeing one carries its warning. */
export function ScopeSwitches({
  idPrefix,
  scopes,
  onChange,
  disabled = false,
}: {
  idPrefix: string;
  scopes: Scopes;
  onChange: (scope: Scope, isOn: boolean) => void;
  disabled?: boolean;
}) {
  return (
    <fieldset className="scope-switches" disabled={disabled}>
      <legend className="field-label">What this advisor sees</legend>
      {SCOPES.map((scope) => {
        const id = `${idPrefix}-${scope}`;
        return (
          <div key={scope} className="scope-switch">
            <input
              type="checkbox"
              id={id}
              checked={scopes[scope]}
              onChange={(e) => onChange(scope, e.target.checked)}
              aria-describedby={`${id}-hint${scope === 'wellbeing' ? ` ${id}-warning` : ''}`}
            />
            <div>
              <label htmlFor={id} className="scope-switch-label">
                {SCOPE_LABELS[scope]}
              </label>
              <p id={`${id}-hint`} className="small muted">
                {SCOPE_DESCRIPTIONS[scope]}
              </p>
              {scope === 'wellbeing' ? (
                <p id={`${id}-warning`} className="small scope-warning">
                  {WELLBEING_WARNING}
                </p>
              ) : null}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
