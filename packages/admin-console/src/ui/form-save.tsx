// How every console form writes: one mutation whose refusal lands on the form (failureOf), a "Saved"
// message, and a submit that clears both before it sends, so a message never outlives the attempt it was for.
import { useMutation, type UseMutationResult } from '@tanstack/react-query';
import { useState, type BaseSyntheticEvent } from 'react';
import type { FieldValues, UseFormHandleSubmit, UseFormSetError } from 'react-hook-form';
import { failureOf, type FieldResolver, type FormFailure } from './form-failure.tsx';

export interface FormSave<V extends FieldValues, A, R> {
  readonly failure: FormFailure | null;
  readonly saved: string | null;
  /** For a second action on the same screen (archive) that reports in the same place. */
  readonly setSaved: (message: string | null) => void;
  readonly mutation: UseMutationResult<R, Error, A>;
  /**
   * The form's onSubmit: checks the form, then sends what `prepare` makes of its values; `prepare` answers
   * undefined (after setting field errors) when the values cannot be sent.
   */
  readonly onSubmit: (prepare: (values: V) => A | undefined) => (event?: BaseSyntheticEvent) => void;
}

export function useFormSave<V extends FieldValues, A, R>(
  form: { handleSubmit: UseFormHandleSubmit<V>; setError: UseFormSetError<V> },
  options: {
    mutationFn: (variables: A) => Promise<R>;
    /** Which form field shows each API field error. */
    resolve: FieldResolver;
    /** The "Saved" message for a result, shown before `onSuccess` runs. */
    savedMessage?: (result: R) => string;
    onSuccess?: (result: R) => unknown;
  },
): FormSave<V, A, R> {
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: options.mutationFn,
    onSuccess: async (result: R) => {
      if (options.savedMessage) setSaved(options.savedMessage(result));
      await options.onSuccess?.(result);
    },
    onError: (error) => setFailure(failureOf(error, form.setError, options.resolve)),
  });
  const onSubmit =
    (prepare: (values: V) => A | undefined) =>
    (event?: BaseSyntheticEvent): void =>
      void form.handleSubmit((values) => {
        setFailure(null);
        setSaved(null);
        const variables = prepare(values);
        if (variables !== undefined) mutation.mutate(variables);
      })(event);
  return { failure, saved, setSaved, mutation, onSubmit };
}

/** The row of buttons under an editor: Save (busy while sending) and, for a panel, Close. */
export function SaveActions({ pending, onClose }: { pending: boolean; onClose?: () => void }) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={pending}>
        Save
      </button>
      {onClose && (
        <button type="button" onClick={onClose}>
          Close
        </button>
      )}
    </div>
  );
}
