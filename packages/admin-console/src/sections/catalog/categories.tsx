// The category tree: create (POST /categories), rename or move (PATCH with the version read; a 409 offers
// "Reload") and delete (DELETE; a category with subcategories or products is refused with the API's words).
import { mayCall, must } from '@commerce/web-kit';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ComponentPropsWithRef, type JSX } from 'react';
import { useForm } from 'react-hook-form';
import { useConsole, useSession } from '../../app/console.tsx';
import { Field } from '../../ui/field.tsx';
import { EditorPanel } from '../../ui/editable-list.tsx';
import { FormAlert, Saved, fieldsNamed } from '../../ui/form-failure.tsx';
import { useFormSave } from '../../ui/form-save.tsx';
import { QueryView, errorText } from '../../ui/status-views.tsx';
import {
  categoriesKey,
  flatten,
  useCategories,
  type CategoryNode,
  type FlatCategory,
} from './category-query.ts';

interface CategoryFormValues {
  name: string;
  slug: string;
  parentId: string;
  position: string;
}

const resolveField = fieldsNamed('name', 'slug', 'parentId', 'position');

/** The body fields a new and a changed category share: no parent is the top level. */
function categoryFields(v: CategoryFormValues) {
  return { name: v.name, slug: v.slug, parentId: v.parentId || null, position: Number(v.position || 0) };
}

export function Categories(): JSX.Element {
  const session = useSession();
  const categories = useCategories();
  const [editing, setEditing] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const canCreate = mayCall(session.groups, 'POST', '/categories');
  return (
    <section aria-labelledby="categories-title">
      <h1 id="categories-title">Categories</h1>
      <Saved message={message} />
      <QueryView query={categories} what="categories">
        {(tree) => {
          const flat = flatten(tree);
          const selected = flat.find((c) => c.node.id === editing);
          return (
            <>
              {tree.length === 0 ? (
                <p>No categories yet.</p>
              ) : (
                <Tree nodes={tree} onEdit={setEditing} onMessage={setMessage} />
              )}
              {selected && (
                <EditCategory
                  key={`${selected.node.id}-${selected.node.version}`}
                  category={selected.node}
                  all={flat}
                  onDone={(text) => {
                    setMessage(text);
                    setEditing(null);
                  }}
                  onReload={() => void categories.refetch()}
                />
              )}
              {canCreate && <CreateCategory all={flat} onCreated={setMessage} />}
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

function Tree(props: {
  nodes: readonly CategoryNode[];
  onEdit: (id: string) => void;
  onMessage: (m: string) => void;
}) {
  const { client } = useConsole();
  const session = useSession();
  const queryClient = useQueryClient();
  const canEdit = mayCall(session.groups, 'PATCH', '/categories/{id}');
  const canDelete = mayCall(session.groups, 'DELETE', '/categories/{id}');
  const remove = useMutation({
    mutationFn: async (node: CategoryNode) => {
      must(await client.DELETE('/categories/{id}', { params: { path: { id: node.id } } }));
      return node;
    },
    onSuccess: async (node) => {
      props.onMessage(`Deleted ${node.name}.`);
      await queryClient.invalidateQueries({ queryKey: categoriesKey });
    },
  });
  const render = (nodes: readonly CategoryNode[]) => (
    <ul className="tree">
      {[...nodes]
        .sort((a, b) => a.position - b.position)
        .map((node) => (
          <li key={node.id}>
            <span className="tree-item">
              <strong>{node.name}</strong> <code>{node.slug}</code>
              {canEdit && (
                <button type="button" className="link-button" onClick={() => props.onEdit(node.id)}>
                  Edit {node.name}
                </button>
              )}
              {canDelete && (
                <button
                  type="button"
                  className="link-button danger"
                  onClick={() => remove.mutate(node)}
                  disabled={remove.isPending}
                >
                  Delete {node.name}
                </button>
              )}
            </span>
            {node.children.length > 0 && render(node.children)}
          </li>
        ))}
    </ul>
  );
  return (
    <>
      {render(props.nodes)}
      {remove.isError && (
        <p role="alert" className="alert alert-error">
          Could not delete: {errorText(remove.error)}
        </p>
      )}
    </>
  );
}

function ParentSelect(props: {
  control: ComponentPropsWithRef<'select'>;
  all: readonly FlatCategory[];
  exclude?: string;
}) {
  // Moving a category under itself or a descendant is a cycle the API refuses; the list leaves them out.
  const blocked = new Set<string>();
  if (props.exclude) {
    const start = props.all.find((c) => c.node.id === props.exclude);
    const walk = (n: CategoryNode) => {
      blocked.add(n.id);
      n.children.forEach(walk);
    };
    if (start) walk(start.node);
  }
  return (
    <select {...props.control}>
      <option value="">(top level)</option>
      {props.all
        .filter((c) => !blocked.has(c.node.id))
        .map((c) => (
          <option key={c.node.id} value={c.node.id}>
            {c.path}
          </option>
        ))}
    </select>
  );
}

function CreateCategory({
  all,
  onCreated,
}: {
  all: readonly FlatCategory[];
  onCreated: (m: string) => void;
}) {
  const { client } = useConsole();
  const queryClient = useQueryClient();
  const form = useForm<CategoryFormValues>({
    defaultValues: { name: '', slug: '', parentId: '', position: '0' },
  });
  const create = useFormSave(form, {
    mutationFn: async (v: CategoryFormValues) =>
      must(await client.POST('/categories', { body: categoryFields(v) })),
    onSuccess: async (c) => {
      onCreated(`Created ${c.name}.`);
      form.reset();
      await queryClient.invalidateQueries({ queryKey: categoriesKey });
    },
    resolve: resolveField,
  });
  const errors = form.formState.errors;
  return (
    <form
      className="panel"
      aria-labelledby="new-category-title"
      noValidate
      onSubmit={create.onSubmit((v) => v)}
    >
      <h2 id="new-category-title">New category</h2>
      <div className="row">
        <Field label="Name" error={errors.name?.message}>
          {(c) => <input {...c} {...form.register('name', { required: 'Required.' })} />}
        </Field>
        <Field label="Slug" error={errors.slug?.message} hint="Lower-case words joined by hyphens.">
          {(c) => <input {...c} {...form.register('slug', { required: 'Required.' })} />}
        </Field>
        <Field label="Parent" error={errors.parentId?.message}>
          {(c) => <ParentSelect control={{ ...c, ...form.register('parentId') }} all={all} />}
        </Field>
        <Field label="Position" error={errors.position?.message}>
          {(c) => <input {...c} inputMode="numeric" {...form.register('position')} />}
        </Field>
      </div>
      <FormAlert failure={create.failure} />
      <button type="submit" className="primary" disabled={create.mutation.isPending}>
        Create category
      </button>
    </form>
  );
}

function EditCategory(props: {
  category: CategoryNode;
  all: readonly FlatCategory[];
  onDone: (m: string) => void;
  onReload: () => void;
}) {
  const { category } = props;
  const { client } = useConsole();
  const queryClient = useQueryClient();
  const form = useForm<CategoryFormValues>({
    defaultValues: {
      name: category.name,
      slug: category.slug,
      parentId: category.parentId ?? '',
      position: String(category.position),
    },
  });
  const save = useFormSave(form, {
    mutationFn: async (v: CategoryFormValues) =>
      must(
        await client.PATCH('/categories/{id}', {
          params: { path: { id: category.id } },
          body: { version: category.version, ...categoryFields(v) },
        }),
      ),
    onSuccess: async (c) => {
      props.onDone(`Saved ${c.name}.`);
      await queryClient.invalidateQueries({ queryKey: categoriesKey });
    },
    resolve: resolveField,
  });
  const errors = form.formState.errors;
  return (
    <EditorPanel
      titleId="edit-category-title"
      title={`Edit ${category.name}`}
      save={save}
      prepare={(v) => v}
      editor={{ onReload: props.onReload, onClose: () => props.onDone('') }}
    >
      <div className="row">
        <Field label="Category name" error={errors.name?.message}>
          {(c) => <input {...c} {...form.register('name', { required: 'Required.' })} />}
        </Field>
        <Field label="Category slug" error={errors.slug?.message}>
          {(c) => <input {...c} {...form.register('slug', { required: 'Required.' })} />}
        </Field>
        <Field label="Move under" error={errors.parentId?.message}>
          {(c) => (
            <ParentSelect
              control={{ ...c, ...form.register('parentId') }}
              all={props.all}
              exclude={category.id}
            />
          )}
        </Field>
        <Field label="Category position" error={errors.position?.message}>
          {(c) => <input {...c} inputMode="numeric" {...form.register('position')} />}
        </Field>
      </div>
    </EditorPanel>
  );
}
