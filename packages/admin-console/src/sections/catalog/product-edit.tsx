// One product: edit it and its images (PATCH /products/{id} with the version it was read at; a 409 offers
// "Reload"), publish or unpublish it through its status, archive it (DELETE), and jump to each SKU's prices
// and stock.
import type { components } from '@commerce/api-client';
import { mayCall, must } from '@commerce/web-kit';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, getRouteApi } from '@tanstack/react-router';
import type { JSX } from 'react';
import { useConsole, useSession } from '../../app/console.tsx';
import { DetailPage } from '../../ui/detail-page.tsx';
import { FormAlert, Saved } from '../../ui/form-failure.tsx';
import { SaveActions, useFormSave } from '../../ui/form-save.tsx';
import { formatDateTime } from '../../ui/money.ts';
import { errorText } from '../../ui/status-views.tsx';
import {
  ProductFields,
  bodyOf,
  productFieldResolver,
  useProductForm,
  valuesOf,
  type ProductFormValues,
} from './product-form.tsx';

type Product = components['schemas']['Product'];
const routeApi = getRouteApi('/products/$id');

/** Whether `media` (the form's, as sent) are the product's images with their ids, in order, alt texts too. */
function sameImages(media: readonly { id: string; alt?: string }[], product: Product): boolean {
  const current = product.media.filter((m) => m.id !== undefined);
  return (
    media.length === current.length &&
    media.every((m, i) => m.id === current[i]?.id && (m.alt ?? '') === (current[i]?.alt ?? ''))
  );
}

export function ProductEdit(): JSX.Element {
  const { id } = routeApi.useParams();
  return (
    <DetailPage
      titleId="product-title"
      crumb={<Link to="/products">Product list</Link>}
      noun="product"
      id={id}
      queryKey={['products', 'one', id]}
      load={async (client) => must(await client.GET('/products/{id}', { params: { path: { id } } }))}
    >
      {(p, reload) => <ProductEditor key={p.version} product={p} onReload={reload} />}
    </DetailPage>
  );
}

function ProductEditor({ product, onReload }: { product: Product; onReload: () => void }) {
  const { client } = useConsole();
  const session = useSession();
  const queryClient = useQueryClient();
  const form = useProductForm(valuesOf(product));
  const canEdit = mayCall(session.groups, 'PATCH', '/products/{id}');
  const canArchive = mayCall(session.groups, 'DELETE', '/products/{id}') && product.status !== 'archived';
  // Images from before the media service have no id the PATCH could send back.
  const earlierImages = product.media.filter((m) => m.id === undefined).length;

  const refresh = (next: Product) => {
    queryClient.setQueryData(['products', 'one', product.id], next);
    return queryClient.invalidateQueries({ queryKey: ['products', 'list'] });
  };

  const save = useFormSave(form, {
    mutationFn: async (values: ProductFormValues) => {
      const status =
        values.status === 'archived' || values.status === product.status ? undefined : values.status;
      const { media, ...body } = bodyOf(values);
      // Earlier images stay as long as the images are unchanged: the PATCH then leaves `media` out.
      const keepEarlier = earlierImages > 0 && sameImages(media, product);
      return must(
        await client.PATCH('/products/{id}', {
          params: { path: { id: product.id } },
          body: {
            version: product.version,
            ...body,
            ...(keepEarlier ? {} : { media }),
            ...(status ? { status } : {}),
          },
        }),
      );
    },
    savedMessage: (next) => `Saved (version ${next.version}).`,
    onSuccess: refresh,
    resolve: productFieldResolver(form),
  });

  const archive = useMutation({
    mutationFn: async () =>
      must(await client.DELETE('/products/{id}', { params: { path: { id: product.id } } })),
    onSuccess: async (next) => {
      save.setSaved('Archived.');
      await refresh(next);
    },
  });

  return (
    <>
      <h1 id="product-title">{product.title}</h1>
      <dl className="facts">
        <div>
          <dt>Status</dt>
          <dd>{product.status}</dd>
        </div>
        <div>
          <dt>Id</dt>
          <dd>
            <code>{product.id}</code>
          </dd>
        </div>
        <div>
          <dt>Version</dt>
          <dd>{product.version}</dd>
        </div>
        <div>
          <dt>Updated</dt>
          <dd>{formatDateTime(product.updatedAt)}</dd>
        </div>
      </dl>
      <Saved message={save.saved} />

      <form noValidate onSubmit={save.onSubmit((values) => values)}>
        <fieldset disabled={!canEdit} className="plain">
          <ProductFields form={form} earlierImages={earlierImages} />
        </fieldset>
        <FormAlert failure={save.failure} onReload={onReload} />
        {canEdit && <SaveActions pending={save.mutation.isPending} />}
      </form>

      <section aria-labelledby="sku-links-title" className="panel">
        <h2 id="sku-links-title">Variants elsewhere</h2>
        <ul>
          {product.variants.map((v) => (
            <li key={v.sku}>
              <code>{v.sku}</code>: <Link to="/prices" search={{ sku: v.sku }}>{`${v.sku} pricing`}</Link>
              {' · '}
              <Link to="/stock" search={{ sku: v.sku }}>{`${v.sku} inventory`}</Link>
            </li>
          ))}
        </ul>
      </section>

      {canArchive && (
        <section aria-labelledby="archive-title" className="panel danger">
          <h2 id="archive-title">Archive</h2>
          <p>
            An archived product leaves the shop and its categories. Setting its status back to draft or
            published restores it.
          </p>
          <button
            type="button"
            className="danger"
            onClick={() => archive.mutate()}
            disabled={archive.isPending}
          >
            Archive product
          </button>
          {archive.isError && (
            <p role="alert" className="alert alert-error">
              Could not archive: {errorText(archive.error)}
            </p>
          )}
        </section>
      )}
    </>
  );
}
