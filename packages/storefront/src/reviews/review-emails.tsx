// Whether the shop emails review requests, as a checkbox saved the moment it changes: the signed-in
// customer's "Email me review requests" (account page, /me/review-preferences) and a guest's "Email me review
// requests for this order" (their review link's page). "Saving…" and "Saved" in a status region; a refusal
// as an alert, the box back at the saved choice.
import type { UseMutationResult } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorText, LoadError, Loading } from '../status.tsx';
import {
  useReviewPreferences,
  useSaveInvitationPreferences,
  useSaveReviewPreferences,
  type ReviewPreferences,
} from './review-requests.ts';
import './review-requests.css';

function EmailsChoice({
  label,
  hint,
  saved,
  save,
  savedText,
}: {
  label: string;
  hint: string;
  /** The choice the API holds. */
  saved: boolean;
  save: UseMutationResult<ReviewPreferences, Error, ReviewPreferences>;
  /** What the status says once a choice is saved. */
  savedText: (requestEmails: boolean) => string;
}) {
  const hintId = useId();
  // The box shows a change at once, while it is saved; once answered, it shows the saved choice (the old one
  // when the change was refused).
  const [changing, setChanging] = useState<boolean | undefined>();
  const change = (requestEmails: boolean) => {
    setChanging(requestEmails);
    save.mutate({ requestEmails }, { onSettled: () => setChanging(undefined) });
  };
  return (
    <div className="emails-choice">
      <label className="choice">
        <input
          type="checkbox"
          checked={changing ?? saved}
          aria-describedby={hintId}
          onChange={(e) => change(e.target.checked)}
        />
        {label}
      </label>
      <p id={hintId} className="hint">
        {hint}
      </p>
      <p className="status" role="status">
        {save.isPending ? 'Saving…' : save.isSuccess ? savedText(save.data.requestEmails) : ''}
      </p>
      {save.isError && (
        <p className="alert" role="alert">
          Could not save your choice: {errorText(save.error)}
        </p>
      )}
    </div>
  );
}

/** The signed-in customer's choice, for every order of theirs. */
export function ReviewEmailsSetting() {
  const preferences = useReviewPreferences();
  const save = useSaveReviewPreferences();
  if (preferences.isPending) return <Loading what="your email choice" />;
  if (preferences.isError) {
    return (
      <LoadError
        what="your email choice"
        error={preferences.error}
        retry={() => void preferences.refetch()}
      />
    );
  }
  return (
    <EmailsChoice
      label="Email me review requests"
      hint="Some days after each delivery, we email you once to ask about what you have not reviewed yet."
      saved={preferences.data.requestEmails}
      save={save}
      savedText={(on) =>
        on ? 'Saved: we will email you review requests.' : 'Saved: no more review requests.'
      }
    />
  );
}

/** A guest's choice for the order their review link is about. */
export function InvitationEmailsChoice({ token, requestEmails }: { token: string; requestEmails: boolean }) {
  const save = useSaveInvitationPreferences(token);
  return (
    <EmailsChoice
      label="Email me review requests for this order"
      hint="Some days after delivery, we email you once to ask about what you have not reviewed yet."
      saved={requestEmails}
      save={save}
      savedText={(on) =>
        on
          ? 'Saved: we will email you review requests for this order.'
          : 'Saved: no more review requests for this order.'
      }
    />
  );
}
