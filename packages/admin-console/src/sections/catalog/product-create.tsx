// Create a product (POST /products): the product form with its images, then the new product's page.
import { must } from '@commerce/web-kit';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import type { JSX } from 'react';
import { useConsole } from '../../app/console.tsx';
import { FormAlert } from '../../ui/form-failure.tsx';
import { useFormSave } from '../../ui/form-save.tsx';
import {
  ProductFields,
  bodyOf,
  emptyProduct,
  productFieldResolver,
  useProductForm,
  type ProductFormValues,
} from './product-form.tsx';

export function ProductCreate(): JSX.Element {
  const { client } = useConsole();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useProductForm(emptyProduct);

  const create = useFormSave(form, {
    mutationFn: async (values: ProductFormValues) =>
      must(
        await client.POST('/products', {
          body: {
            ...bodyOf(values),
            status: values.status === 'published' ? 'published' : 'draft',
          },
        }),
      ),
    onSuccess: async (product) => {
      await queryClient.invalidateQueries({ queryKey: ['products'] });
      await navigate({ to: '/products/$id', params: { id: product.id } });
    },
    resolve: productFieldResolver(form),
  });

  return (
    <section aria-labelledby="create-product-title">
      <p className="crumbs">
        <Link to="/products">Product list</Link>
      </p>
      <h1 id="create-product-title">New product</h1>
      <form noValidate onSubmit={create.onSubmit((values) => values)}>
        <ProductFields form={form} />
        <FormAlert failure={create.failure} />
        <div className="actions">
          <button type="submit" className="primary" disabled={create.mutation.isPending}>
            Create product
          </button>
        </div>
      </form>
    </section>
  );
}
