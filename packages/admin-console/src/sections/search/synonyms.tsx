// Synonyms (GET/PUT /search/synonyms): equivalent sets and one-way synonyms, replaced as a whole with the
// version read (0 until first saved); a 409 offers "Reload". Terms are typed comma-separated.
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type JSX } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useConsole, useSession } from '../../app/console.tsx';
import { Field } from '../../ui/field.tsx';
import { FormAlert, Saved } from '../../ui/form-failure.tsx';
import { useFormSave } from '../../ui/form-save.tsx';
import { QueryView } from '../../ui/status-views.tsx';

type SynonymList = components['schemas']['SearchSynonyms'];
type Synonym = SynonymList['synonyms'][number];

/** One row of the form: both kinds' fields, so switching the kind keeps what was typed in the other. */
interface SynonymRow {
  kind: Synonym['kind'];
  terms: string;
  from: string;
  to: string;
}

interface SynonymsForm {
  rows: SynonymRow[];
}

const synonymsKey = ['search', 'synonyms'] as const;

const splitTerms = (text: string) =>
  text
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

function rowOf(s: Synonym): SynonymRow {
  return s.kind === 'equivalent'
    ? { kind: s.kind, terms: s.terms.join(', '), from: '', to: '' }
    : { kind: s.kind, terms: '', from: s.from, to: s.to.join(', ') };
}

/**
 * API field (`synonyms.3.terms.1`) → this form's field (`rows.3.terms`). Rows are sent one for one, never
 * filtered, so the API's index is the form's.
 */
function resolveField(name: string): string | undefined {
  if (name === 'synonyms') return 'rows';
  const m = /^synonyms\.(\d+)(?:\.(kind|terms|from|to)(?:\.\d+)?)?$/.exec(name);
  return m ? `rows.${m[1]}.${m[2] ?? 'kind'}` : undefined;
}

export function Synonyms(): JSX.Element {
  const { client } = useConsole();
  const [saved, setSaved] = useState<string | null>(null);
  const query = useQuery({
    queryKey: synonymsKey,
    queryFn: async () => must(await client.GET('/search/synonyms')),
  });
  return (
    <section aria-labelledby="synonyms-title" className="panel">
      <h2 id="synonyms-title">Synonyms</h2>
      <p className="hint">
        An equivalent set lets each term find the others; a one-way synonym lets its “from” also find its
        “to”. Phrases of up to three words are matched.
      </p>
      {/* Outside the editor, which remounts with each new version: the message outlives the save. */}
      <Saved message={saved} />
      <QueryView query={query} what="synonyms">
        {(list) => (
          // Keyed by version: a save or a reload fills the form afresh with what is stored.
          <SynonymsEditor
            key={list.version}
            list={list}
            onSaved={setSaved}
            onReload={() => void query.refetch()}
          />
        )}
      </QueryView>
    </section>
  );
}

function SynonymsEditor(props: {
  list: SynonymList;
  onSaved: (message: string | null) => void;
  onReload: () => void;
}) {
  const { list } = props;
  const { client } = useConsole();
  const session = useSession();
  const queryClient = useQueryClient();
  const canSave = mayCall(session.groups, 'PUT', '/search/synonyms');
  const form = useForm<SynonymsForm>({ defaultValues: { rows: list.synonyms.map(rowOf) } });
  const rows = useFieldArray({ control: form.control, name: 'rows' });
  const kinds = form.watch('rows').map((r) => r.kind);
  const errors = form.formState.errors;

  const save = useFormSave(form, {
    mutationFn: async (synonyms: Synonym[]) =>
      must(await client.PUT('/search/synonyms', { body: { synonyms, version: list.version } })),
    onSuccess: (next: SynonymList) => {
      props.onSaved(`Saved synonyms (version ${next.version}).`);
      queryClient.setQueryData(synonymsKey, next);
    },
    resolve: resolveField,
  });

  const request = (v: SynonymsForm): Synonym[] | undefined => {
    props.onSaved(null);
    let valid = true;
    const refuse = (field: `rows.${number}.${'terms' | 'from' | 'to'}`, message: string) => {
      form.setError(field, { message });
      valid = false;
    };
    const synonyms = v.rows.map((row, i): Synonym => {
      if (row.kind === 'equivalent') {
        const terms = splitTerms(row.terms);
        if (terms.length < 2) refuse(`rows.${i}.terms`, 'At least two terms, separated by commas.');
        return { kind: 'equivalent', terms };
      }
      const from = row.from.trim();
      const to = splitTerms(row.to);
      if (!from) refuse(`rows.${i}.from`, 'Required.');
      if (to.length === 0) refuse(`rows.${i}.to`, 'At least one term.');
      return { kind: 'one-way', from, to };
    });
    return valid ? synonyms : undefined;
  };

  return (
    <form noValidate onSubmit={save.onSubmit(request)}>
      <p className="hint">Version {list.version}.</p>
      <fieldset disabled={!canSave} className="plain">
        {rows.fields.length === 0 && <p className="empty">No synonyms yet.</p>}
        {rows.fields.map((field, i) => (
          <div key={field.id} className="row">
            <Field label={`Synonym ${i + 1} kind`} error={errors.rows?.[i]?.kind?.message}>
              {(c) => (
                <select {...c} {...form.register(`rows.${i}.kind`)}>
                  <option value="equivalent">Equivalent</option>
                  <option value="one-way">One-way</option>
                </select>
              )}
            </Field>
            {kinds[i] === 'one-way' ? (
              <>
                <Field label={`Synonym ${i + 1} from`} error={errors.rows?.[i]?.from?.message}>
                  {(c) => <input {...c} {...form.register(`rows.${i}.from`)} autoComplete="off" />}
                </Field>
                <Field
                  label={`Synonym ${i + 1} to`}
                  error={errors.rows?.[i]?.to?.message}
                  hint="Comma-separated: sneakers, trainers."
                >
                  {(c) => <input {...c} {...form.register(`rows.${i}.to`)} autoComplete="off" />}
                </Field>
              </>
            ) : (
              <Field
                label={`Synonym ${i + 1} terms`}
                error={errors.rows?.[i]?.terms?.message}
                hint="Comma-separated: tee, t-shirt, tshirt."
              >
                {(c) => <input {...c} {...form.register(`rows.${i}.terms`)} autoComplete="off" />}
              </Field>
            )}
            <button type="button" className="link-button" onClick={() => rows.remove(i)}>
              Remove synonym {i + 1}
            </button>
          </div>
        ))}
        {canSave && (
          <button
            type="button"
            onClick={() => rows.append({ kind: 'equivalent', terms: '', from: '', to: '' })}
          >
            Add synonym
          </button>
        )}
      </fieldset>
      {errors.rows?.message && <small className="field-error">{errors.rows.message}</small>}
      <FormAlert failure={save.failure} onReload={props.onReload} />
      {canSave && (
        <div className="actions">
          <button type="submit" className="primary" disabled={save.mutation.isPending}>
            Save synonyms
          </button>
        </div>
      )}
    </form>
  );
}
