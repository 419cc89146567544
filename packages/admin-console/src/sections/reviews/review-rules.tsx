// The auto-publish rules (GET/PUT /review-settings): which new reviews go live without a person. Every staff
// member reads them; only admins may save (the API answers 403 to anyone else, said here in plain words).
// Flagged words are typed comma-separated or one per line.
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type JSX } from 'react';
import { useForm } from 'react-hook-form';
import { useConsole, useSession } from '../../app/console.tsx';
import { Field } from '../../ui/field.tsx';
import { FormAlert, Saved, fieldsNamed } from '../../ui/form-failure.tsx';
import { useFormSave } from '../../ui/form-save.tsx';
import { QueryView } from '../../ui/status-views.tsx';

type Rules = components['schemas']['ReviewAutoPublishRules'];
type RulesForm = Omit<Rules, 'flaggedWords'> & { flaggedWords: string };

const rulesKey = ['review-settings'] as const;
const MAX_WORDS = 200;
const MAX_WORD_LENGTH = 40;

const ADMIN_ONLY =
  'Not saved: only admins can change the auto-publish rules, and the API refused your account (403). ' +
  'Ask an admin to make the change.';

const SWITCHES: readonly { name: keyof Omit<Rules, 'flaggedWords'>; label: string }[] = [
  { name: 'enabled', label: 'Publish new reviews automatically when no rule below finds anything' },
  { name: 'verifiedOnly', label: 'Only from verified buyers' },
  { name: 'noLinks', label: 'No links' },
  { name: 'noContactData', label: 'No email addresses or phone numbers' },
];

/** "cheap, scam\nfake" → ["cheap", "scam", "fake"], each word once whatever its case. */
function wordsOf(text: string): string[] {
  const words = text
    .split(/[,\n]/)
    .map((w) => w.trim())
    .filter(Boolean);
  return words.filter((w, i) => words.findIndex((o) => o.toLowerCase() === w.toLowerCase()) === i);
}

/** API field (`flaggedWords.3`) → this form's field: the words are one textarea. */
function resolveField(name: string): string | undefined {
  return /^flaggedWords(?:\.\d+)?$/.test(name)
    ? 'flaggedWords'
    : fieldsNamed('enabled', 'verifiedOnly', 'noLinks', 'noContactData')(name);
}

export function ReviewRules(): JSX.Element {
  const { client } = useConsole();
  const [saved, setSaved] = useState<string | null>(null);
  const query = useQuery({
    queryKey: rulesKey,
    queryFn: async () => must(await client.GET('/review-settings')),
  });
  return (
    <section aria-labelledby="review-rules-title" className="panel">
      <h2 id="review-rules-title">Auto-publish rules</h2>
      <p className="hint">
        A new review goes live without a person only when auto-publish is on and none of these rules finds
        anything; otherwise it waits in the pending queue, with what they found as its flags. Changes apply to
        reviews written from then on.
      </p>
      {/* Outside the editor, which starts afresh with the saved rules: the message outlives the save. */}
      <Saved message={saved} />
      <QueryView query={query} what="the auto-publish rules">
        {(rules) => <RulesEditor key={JSON.stringify(rules)} rules={rules} onSaved={setSaved} />}
      </QueryView>
    </section>
  );
}

function RulesEditor({ rules, onSaved }: { rules: Rules; onSaved: (message: string | null) => void }) {
  const { client } = useConsole();
  const session = useSession();
  const queryClient = useQueryClient();
  const isAdmin = mayCall(session.groups, 'PUT', '/review-settings');
  const form = useForm<RulesForm>({
    defaultValues: { ...rules, flaggedWords: rules.flaggedWords.join('\n') },
  });
  const errors = form.formState.errors;

  const save = useFormSave(form, {
    mutationFn: async (body: Rules) => {
      const result = await client.PUT('/review-settings', { body });
      if (result.response.status === 403) throw new Error(ADMIN_ONLY);
      return must(result);
    },
    onSuccess: (next: Rules) => {
      onSaved('Saved the auto-publish rules.');
      queryClient.setQueryData(rulesKey, next);
    },
    resolve: resolveField,
  });

  const request = (v: RulesForm): Rules | undefined => {
    onSaved(null);
    const flaggedWords = wordsOf(v.flaggedWords);
    const long = flaggedWords.find((w) => w.length > MAX_WORD_LENGTH);
    if (long !== undefined || flaggedWords.length > MAX_WORDS) {
      form.setError('flaggedWords', {
        message:
          long !== undefined
            ? `At most ${MAX_WORD_LENGTH} characters a word: “${long}” is longer.`
            : `At most ${MAX_WORDS} words (there are ${flaggedWords.length}).`,
      });
      return undefined;
    }
    return {
      enabled: v.enabled,
      verifiedOnly: v.verifiedOnly,
      noLinks: v.noLinks,
      noContactData: v.noContactData,
      flaggedWords,
    };
  };

  return (
    <form noValidate onSubmit={save.onSubmit(request)}>
      <fieldset className="plain">
        <legend>Rules</legend>
        <div className="checks">
          {SWITCHES.map(({ name, label }) => (
            <label key={name} className="check">
              <input type="checkbox" {...form.register(name)} /> {label}
            </label>
          ))}
        </div>
      </fieldset>
      <Field
        label="Flagged words"
        error={errors.flaggedWords?.message}
        hint="Comma-separated or one per line; whole words, any case. A review with one waits for a person."
      >
        {(c) => <textarea {...c} rows={4} {...form.register('flaggedWords')} />}
      </Field>
      <p className="hint">
        Only admins can save these rules{isAdmin ? '.' : '; your account can read them but not change them.'}
      </p>
      <FormAlert failure={save.failure} />
      <div className="actions">
        <button type="submit" className="primary" disabled={save.mutation.isPending}>
          Save rules
        </button>
      </div>
    </form>
  );
}
