import { Field, inputProps } from '../../components/form.tsx';

/** The email field of the sign-in and sign-up forms. */
export function EmailField({
  value,
  error,
  onChange,
}: {
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <Field id="email" label="Email" error={error}>
      <input
        {...inputProps('email', { error })}
        type="email"
        autoComplete="email"
        inputMode="email"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}
