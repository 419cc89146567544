// The editor of one merchandising rule (PUT /search/rules/{id}): its id (a slug, fixed once created), the
// query and/or category it applies to, and the product ids to pin, boost and hide, typed one per line.
import type { components } from '@commerce/api-client';
import { must } from '@commerce/web-kit';
import type { UseQueryResult } from '@tanstack/react-query';
import type { JSX } from 'react';
import { useForm, type UseFormRegisterReturn } from 'react-hook-form';
import { useConsole } from '../../app/console.tsx';
import { EditorPanel, useEditorSave, type EditorProps } from '../../ui/editable-list.tsx';
import { Field, type ControlProps } from '../../ui/field.tsx';
import { flatten, type CategoryNode } from '../catalog/category-query.ts';

type Rule = components['schemas']['MerchandisingRule'];
type RuleBody = components['schemas']['PutRuleRequest'];

const LISTS = ['pin', 'boost', 'hide'] as const;
type ListName = (typeof LISTS)[number];

interface RuleForm {
  id: string;
  query: string;
  category: string;
  pin: string;
  boost: string;
  hide: string;
}

export const rulesKey = ['search', 'rules'] as const;

// The API's own limits (functions/search/schemas.ts): checked here too, so a typo is named by its line.
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const MAX_IDS = 50;

const LIST_FIELDS: Record<ListName, { label: string; hint: string }> = {
  pin: { label: 'Pinned product ids', hint: 'One per line, shown first in this order.' },
  boost: { label: 'Boosted product ids', hint: 'One per line, ranked higher.' },
  hide: { label: 'Hidden product ids', hint: 'One per line, never shown.' },
};

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** API field (`pin.3`, `query`) → this form's field: each id list is one textarea. */
function resolveField(name: string): string | undefined {
  return /^(query|category|pin|boost|hide)(\.\d+)?$/.exec(name)?.[1];
}

export function RuleEditor(
  props: EditorProps<Rule> & {
    /** The ids in the table: a new rule must not silently replace one of them. */
    takenIds: readonly string[];
    categories: UseQueryResult<CategoryNode[]>;
  },
): JSX.Element {
  const { item: rule } = props;
  const { client } = useConsole();
  const form = useForm<RuleForm>({
    defaultValues: {
      id: rule?.id ?? '',
      query: rule?.query ?? '',
      category: rule?.category ?? '',
      pin: rule?.pin.join('\n') ?? '',
      boost: rule?.boost.join('\n') ?? '',
      hide: rule?.hide.join('\n') ?? '',
    },
  });
  const errors = form.formState.errors;

  const save = useEditorSave(form, props, {
    mutationFn: async (v: { id: string; body: RuleBody }) =>
      must(await client.PUT('/search/rules/{id}', { params: { path: { id: v.id } }, body: v.body })),
    listKey: rulesKey,
    resolve: resolveField,
  });

  const request = (v: RuleForm) => {
    let valid = true;
    const refuse = (field: keyof RuleForm, message: string) => {
      form.setError(field, { message });
      valid = false;
    };
    const id = v.id.trim();
    if (rule === null && props.takenIds.includes(id)) {
      refuse('id', `A rule ${id} exists already: edit it in the table instead.`);
    }
    const query = v.query.trim();
    const category = v.category.trim();
    if (!query && !category) refuse('query', 'A rule applies to a query, a category or both.');
    const lists = Object.fromEntries(
      LISTS.map((name) => {
        const ids = linesOf(v[name]);
        const bad = ids.findIndex((x) => !ID_PATTERN.test(x));
        if (bad >= 0) refuse(name, `Line ${bad + 1} is no product id: letters, digits, "-" or "_".`);
        else if (ids.length > MAX_IDS) refuse(name, `At most ${MAX_IDS} products.`);
        return [name, ids];
      }),
    ) as Record<ListName, string[]>;
    const body: RuleBody = {
      ...(query ? { query } : {}),
      ...(category ? { category } : {}),
      ...lists,
    };
    return valid ? { id, body } : undefined;
  };

  return (
    <EditorPanel
      titleId="rule-editor-title"
      title={rule ? `Rule ${rule.id}` : 'New rule'}
      save={save}
      prepare={request}
      editor={props}
    >
      <div className="row">
        <Field
          label="Rule id"
          error={errors.id?.message}
          hint='Letters, digits, "-" or "_", e.g. summer-tees.'
        >
          {(c) => (
            <input
              {...c}
              readOnly={rule !== null}
              autoComplete="off"
              {...form.register('id', {
                required: 'Required.',
                pattern: { value: ID_PATTERN, message: 'Letters, digits, "-" or "_", up to 64.' },
              })}
            />
          )}
        </Field>
        <Field
          label="Query"
          error={errors.query?.message}
          hint="The shopper's words; empty: any query in the category."
        >
          {(c) => <input {...c} autoComplete="off" {...form.register('query')} />}
        </Field>
        <Field label="Category" error={errors.category?.message} hint="Empty: the query in any category.">
          {(c) => (
            <CategoryChoice
              control={{ ...c, ...form.register('category') }}
              categories={props.categories}
              current={rule?.category}
            />
          )}
        </Field>
      </div>
      <div className="row">
        {LISTS.map((name) => (
          <Field
            key={name}
            label={LIST_FIELDS[name].label}
            error={errors[name]?.message}
            hint={LIST_FIELDS[name].hint}
          >
            {(c) => <textarea {...c} rows={5} className="mono" {...form.register(name)} />}
          </Field>
        ))}
      </div>
    </EditorPanel>
  );
}

/**
 * The catalog's categories by path, or a plain id field while they cannot be read. A rule whose category is
 * no longer in the tree keeps it as an option, so opening the rule does not change it.
 */
function CategoryChoice(props: {
  control: ControlProps & UseFormRegisterReturn<'category'>;
  categories: UseQueryResult<CategoryNode[]>;
  current: string | undefined;
}) {
  const { control, categories, current } = props;
  if (!categories.isSuccess) return <input {...control} autoComplete="off" placeholder="Category id" />;
  const flat = flatten(categories.data);
  const missing = current !== undefined && !flat.some((c) => c.node.id === current);
  return (
    <select {...control}>
      <option value="">(any category)</option>
      {missing && <option value={current}>{current} (not in the catalog)</option>}
      {flat.map((c) => (
        <option key={c.node.id} value={c.node.id}>
          {c.path}
        </option>
      ))}
    </select>
  );
}
