import { useEffect, useRef, type ReactNode } from 'react';

type DescribedBy = { hasHint?: boolean; error?: string | undefined };

/** The ids a field's hint (`<id>-hint`) and error (`<id>-error`) use, for aria-describedby. */
export function describedBy(id: string, options: DescribedBy): string | undefined {
  const ids = [options.hasHint ? `${id}-hint` : null, options.error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** The attributes every input carries: its id, what describes it, and whether it is invalid. */
export function inputProps(id: string, options: DescribedBy) {
  return {
    id,
    name: id,
    'aria-describedby': describedBy(id, options),
    'aria-invalid': options.error ? true : undefined,
  } as const;
}

export function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  if (!error) return null;
  return (
    <p className="field-error" id={`${id}-error`}>
      <span className="visually-hidden">Error: </span>
      {error}
    </p>
  );
}

type FieldProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
  className?: string;
};

/** A label, an optional hint, the input, and the error right under it. */
export function Field({ id, label, hint, error, children, className }: FieldProps) {
  return (
    <div className={['field', error ? 'field--invalid' : '', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {children}
      <FieldError id={id} error={error} />
    </div>
  );
}

export type SummaryItem = { fieldId: string; message: string };

/**
 * The box at the top of a form after a failed submit: one line per problem, each a link to its
 * field, or a single message when the problem is not about a field. It takes focus so that screen
 * readers and keyboard users land on it.
 */
export function ErrorSummary({
  title = 'Please fix the following',
  message,
  items = [],
  focusKey,
}: {
  title?: string;
  message?: string | null;
  items?: SummaryItem[];
  /**
   * When given, the summary takes focus only when this changes (one attempt to submit), not each
   * time its content changes: a form that clears an error as it is fixed keeps focus in the field.
   */
  focusKey?: string | number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const isVisible = Boolean(message) || items.length > 0;
  const key = focusKey ?? `${message ?? ''}|${items.map((i) => i.fieldId + i.message).join('|')}`;

  useEffect(() => {
    if (isVisible) ref.current?.focus();
  }, [isVisible, key]);

  if (!isVisible) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref} data-testid="error-summary">
      <h2 className="error-summary-title">{items.length > 0 ? title : 'That did not work'}</h2>
      {message ? <p>{message}</p> : null}
      {items.length > 0 ? (
        <ul>
          {items.map((item) => (
            <li key={item.fieldId}>
              <a
                href={`#${item.fieldId}`}
                onClick={(event) => {
                  event.preventDefault();
                  const target = document.getElementById(item.fieldId);
                  target?.focus();
                  target?.scrollIntoView({ block: 'center' });
                }}
              >
                {item.message}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function SubmitButton({
  isBusy,
  busyLabel,
  children,
  variant = 'primary',
}: {
  isBusy: boolean;
  busyLabel: string;
  children: ReactNode;
  variant?: 'primary' | 'danger' | 'secondary';
}) {
  return (
    <button type="submit" className={`button button--${variant}`} disabled={isBusy} aria-disabled={isBusy}>
      {isBusy ? busyLabel : children}
    </button>
  );
}

/** A titled part of a long form: the title and a line on the left on laptops, the fields on the right. */
export function FormSection({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <section className="form-section" aria-labelledby={`${id}-title`}>
      <div className="form-section-header">
        <h2 className="form-section-title" id={`${id}-title`}>
          {title}
        </h2>
        <p className="form-section-description">{description}</p>
      </div>
      <div className="form-section-body">{children}</div>
    </section>
  );
}
