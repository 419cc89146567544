// Products (GET /products): the published products, newest first, optionally in one category, page by page;
// drafts and archived products are opened by handle (the list route serves published ones only).
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent, type JSX } from 'react';
import { useConsole, useSession } from '../../app/console.tsx';
import { columnsOf } from '../../ui/data-table.tsx';
import { Field } from '../../ui/field.tsx';
import { formatDateTime } from '../../ui/money.ts';
import { PagedTable } from '../../ui/paged-table.tsx';
import { errorText } from '../../ui/status-views.tsx';
import { flatten, useCategories } from './category-query.ts';

type Product = components['schemas']['Product'];

const column = columnsOf<Product>();
const columns = column.columns([
  column.accessor('title', {
    header: 'Title',
    cell: (info) => (
      <Link to="/products/$id" params={{ id: info.row.original.id }}>
        {info.getValue()}
      </Link>
    ),
  }),
  column.accessor('handle', { header: 'Handle' }),
  column.accessor('status', { header: 'Status' }),
  column.accessor((p) => p.variants.map((v) => v.sku).join(', '), { id: 'skus', header: 'SKUs' }),
  column.accessor('updatedAt', { header: 'Updated', cell: (info) => formatDateTime(info.getValue()) }),
]);

export function ProductList(): JSX.Element {
  const session = useSession();
  const categories = useCategories();
  const [category, setCategory] = useState('');
  return (
    <section aria-labelledby="products-title">
      <div className="title-row">
        <h1 id="products-title">Products</h1>
        {mayCall(session.groups, 'POST', '/products') && (
          <Link to="/products/new" className="button primary">
            New product
          </Link>
        )}
      </div>
      <div className="filters">
        <Field label="Category">
          {(c) => (
            <select {...c} value={category} onChange={(e) => setCategory(e.target.value)}>
              <option value="">All categories</option>
              {flatten(categories.data ?? []).map(({ node, path }) => (
                <option key={node.id} value={node.id}>
                  {path}
                </option>
              ))}
            </select>
          )}
        </Field>
        <OpenByHandle />
      </div>
      <p className="hint">The list shows published products; open a draft or archived one by its handle.</p>
      <PagedTable
        key={category}
        queryKey={['products', 'list', category]}
        load={async (client, cursor) =>
          must(
            await client.GET('/products', {
              params: { query: { limit: 25, ...(category ? { category } : {}), ...cursor } },
            }),
          )
        }
        what="products"
        caption="Published products"
        columns={columns}
        rowId={(p) => p.id}
        empty="No published products."
      />
    </section>
  );
}

function OpenByHandle() {
  const { client } = useConsole();
  const navigate = useNavigate();
  const [handle, setHandle] = useState('');
  const open = useMutation({
    mutationFn: async (h: string) =>
      must(await client.GET('/products/by-handle/{handle}', { params: { path: { handle: h } } })),
    onSuccess: (p) => navigate({ to: '/products/$id', params: { id: p.id } }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (handle.trim()) open.mutate(handle.trim());
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <Field label="Product handle" error={open.isError ? errorText(open.error) : undefined}>
        {(c) => (
          <input {...c} value={handle} onChange={(e) => setHandle(e.target.value)} autoComplete="off" />
        )}
      </Field>
      <button type="submit" disabled={open.isPending}>
        Open
      </button>
    </form>
  );
}
