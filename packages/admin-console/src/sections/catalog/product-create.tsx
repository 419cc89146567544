// Create a product (POST /products): the product form, then the new product's page.
import { must } from '@commerce/web-kit';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState, type JSX } from 'react';
import { useConsole } from '../../app/console.tsx';
import { FormAlert, failureOf, type FormFailure } from '../../ui/form-failure.tsx';
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
  const [failure, setFailure] = useState<FormFailure | null>(null);

  const create = useMutation({
    mutationFn: async (values: ProductFormValues) =>
      must(
        await client.POST('/products', {
          body: {
            ...bodyOf(values),
            media: [],
            status: values.status === 'published' ? 'published' : 'draft',
          },
        }),
      ),
    onSuccess: async (product) => {
      await queryClient.invalidateQueries({ queryKey: ['products'] });
      await navigate({ to: '/products/$id', params: { id: product.id } });
    },
    onError: (error) => setFailure(failureOf(error, form.setError, productFieldResolver(form))),
  });

  return (
    <section aria-labelledby="create-product-title">
      <p className="crumbs">
        <Link to="/products">Product list</Link>
      </p>
      <h1 id="create-product-title">New product</h1>
      <form
        noValidate
        onSubmit={(e) =>
          void form.handleSubmit((values) => {
            setFailure(null);
            create.mutate(values);
          })(e)
        }
      >
        <ProductFields form={form} />
        <FormAlert failure={failure} />
        <div className="actions">
          <button type="submit" className="primary" disabled={create.isPending}>
            Create product
          </button>
        </div>
      </form>
    </section>
  );
}
