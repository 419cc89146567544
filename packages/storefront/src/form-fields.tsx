// Labelled form controls that show their error at the field (aria-invalid, aria-describedby), and the
// mapping of an API problem onto a react-hook-form: field errors at their fields, the rest for the form.
import { fieldErrors, problemMessage, type Problem } from '@commerce/web-kit';
import { useId, type ComponentProps, type ReactNode } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';

interface TextFieldProps extends Omit<ComponentProps<'input'>, 'id'> {
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
}

export function TextField({ label, error, hint, ...input }: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        {...input}
      />
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

interface SelectFieldProps extends Omit<ComponentProps<'select'>, 'id'> {
  readonly label: string;
  readonly error?: string | undefined;
}

export function SelectField({ label, error, children, ...select }: SelectFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        {...select}
      >
        {children}
      </select>
      {error && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/**
 * Puts the problem's body field errors on the form's fields (those in `fields`; the API's pointers are the
 * form's names) and answers the message for the form: the problem's own, plus any field error the form
 * has no field for.
 */
export function applyProblem<T extends FieldValues>(
  problem: Problem,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
): string {
  const known = new Set<string>(fields);
  const rest: string[] = [];
  for (const [name, detail] of fieldErrors(problem)) {
    if (known.has(name)) setError(name as Path<T>, { type: 'server', message: detail });
    else rest.push(`${name || 'request'}: ${detail}`);
  }
  return [problemMessage(problem), ...rest].join(' ');
}
