// The product form used to create and to edit: title, handle, description, status, images, categories,
// attributes, options and variants with SKUs. Field errors of the API land on the field they name.
import type { components } from '@commerce/api-client';
import { zodResolver } from '@hookform/resolvers/zod';
import { useFieldArray, useForm, type UseFormReturn } from 'react-hook-form';
import * as z from 'zod/mini';
import { Field } from '../../ui/field.tsx';
import type { FieldResolver } from '../../ui/form-failure.tsx';
import { QueryView } from '../../ui/status-views.tsx';
import { flatten, useCategories } from './category-query.ts';
import { MAX_PRODUCT_IMAGES, webpThumbnail } from './media-upload.ts';
import { ProductImages } from './product-images.tsx';

type Product = components['schemas']['Product'];
type CreateBody = components['schemas']['CreateProductRequest'];

const required = z.string().check(z.trim(), z.minLength(1, 'Required.'));
const attributeLine = /^[^=\n]+=.*$/;

export const productFormSchema = z.object({
  title: required,
  handle: required,
  description: z.string(),
  status: z.enum(['draft', 'published', 'archived']),
  categoryIds: z.array(z.string()),
  attributes: z.string().check(
    z.refine(
      (text) =>
        text
          .split('\n')
          .filter((l) => l.trim() !== '')
          .every((l) => attributeLine.test(l)),
      'One key=value per line.',
    ),
  ),
  options: z.array(z.object({ name: required, values: required })),
  /** The images in the order shown (the first is the main one): ready uploads, with their alt texts. */
  media: z
    .array(
      z.object({
        mediaId: z.string(),
        alt: z.string().check(z.maxLength(300, 'At most 300 characters.')),
        thumbnail: z.string(),
      }),
    )
    .check(z.maxLength(MAX_PRODUCT_IMAGES, `A product shows at most ${MAX_PRODUCT_IMAGES} images.`)),
  /** Images still uploading or processing (the images section counts them): the form saves at none. */
  pendingImages: z
    .number()
    .check(z.lte(0, 'Some images are still uploading: wait until they are ready, or cancel them.')),
  variants: z
    .array(
      z.object({
        sku: required,
        title: required,
        values: z.array(z.string()),
        barcode: z.string(),
        weightGrams: z.string().check(z.regex(/^\d*$/, 'Whole grams.')),
      }),
    )
    .check(z.minLength(1, 'A product needs at least one variant.')),
});
export type ProductFormValues = z.infer<typeof productFormSchema>;

export const emptyProduct: ProductFormValues = {
  title: '',
  handle: '',
  description: '',
  status: 'draft',
  categoryIds: [],
  attributes: '',
  media: [],
  pendingImages: 0,
  options: [],
  variants: [{ sku: '', title: 'Default', values: [], barcode: '', weightGrams: '' }],
};

const splitValues = (text: string) =>
  text
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

export function valuesOf(product: Product): ProductFormValues {
  return {
    title: product.title,
    handle: product.handle,
    description: product.description,
    status: product.status,
    categoryIds: product.categoryIds,
    attributes: Object.entries(product.attributes)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
    // Images from before the media service have no id to send back: the edit page keeps them aside.
    media: product.media.flatMap((m) =>
      m.id ? [{ mediaId: m.id, alt: m.alt ?? '', thumbnail: webpThumbnail(m) }] : [],
    ),
    pendingImages: 0,
    options: product.options.map((o) => ({ name: o.name, values: o.values.join(', ') })),
    variants: product.variants.map((v) => ({
      sku: v.sku,
      title: v.title,
      values: product.options.map((o) => v.optionValues[o.name] ?? ''),
      barcode: v.barcode ?? '',
      weightGrams: v.weightGrams === undefined ? '' : String(v.weightGrams),
    })),
  };
}

/** The body fields both POST /products and PATCH /products/{id} take, from the form. */
export function bodyOf(
  values: ProductFormValues,
): Omit<CreateBody, 'status'> & Required<Pick<CreateBody, 'media'>> {
  const attributes: Record<string, string> = {};
  for (const line of values.attributes.split('\n')) {
    const at = line.indexOf('=');
    if (at > 0) attributes[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return {
    title: values.title.trim(),
    handle: values.handle.trim(),
    description: values.description,
    categoryIds: values.categoryIds,
    attributes,
    media: values.media.map((m) => ({ id: m.mediaId, alt: m.alt.trim() })),
    options: values.options.map((o) => ({ name: o.name.trim(), values: splitValues(o.values) })),
    variants: values.variants.map((v) => ({
      sku: v.sku.trim(),
      title: v.title.trim(),
      optionValues: Object.fromEntries(
        values.options.flatMap((o, i) => {
          const value = v.values[i]?.trim();
          return value ? [[o.name.trim(), value]] : [];
        }),
      ),
      ...(v.barcode.trim() ? { barcode: v.barcode.trim() } : {}),
      ...(v.weightGrams.trim() ? { weightGrams: Number(v.weightGrams) } : {}),
    })),
  };
}

/** Where the API's field errors show: option values and per-variant option values are typed as text here. */
export function productFieldResolver(form: UseFormReturn<ProductFormValues>): FieldResolver {
  return (name) => {
    if (/^(title|handle|description|status|categoryIds|attributes|media|options|variants)$/.test(name)) {
      return name;
    }
    const image = /^media\.(\d+)(?:\.(id|alt))?$/.exec(name);
    if (image) return `media.${image[1]}.${image[2] === 'alt' ? 'alt' : 'mediaId'}`;
    if (/^(categoryIds|attributes)\..+$/.test(name)) return name.split('.')[0];
    const option = /^options\.(\d+)\.(name|values)(\..*)?$/.exec(name);
    if (option) return `options.${option[1]}.${option[2]}`;
    const variant = /^variants\.(\d+)\.(sku|title|barcode|weightGrams)$/.exec(name);
    if (variant) return name;
    const optionValue = /^variants\.(\d+)\.optionValues(?:\.(.+))?$/.exec(name);
    if (optionValue) {
      const index = form.getValues('options').findIndex((o) => o.name.trim() === optionValue[2]);
      return index >= 0 ? `variants.${optionValue[1]}.values.${index}` : `variants.${optionValue[1]}.sku`;
    }
    return undefined;
  };
}

export function useProductForm(defaults: ProductFormValues) {
  return useForm<ProductFormValues>({ resolver: zodResolver(productFormSchema), defaultValues: defaults });
}

export function ProductFields({
  form,
  earlierImages = 0,
}: {
  form: UseFormReturn<ProductFormValues>;
  /** How many of the product's images are from before the media service (no id, nothing to show). */
  earlierImages?: number;
}) {
  const { register, formState, watch } = form;
  const errors = formState.errors;
  const options = useFieldArray({ control: form.control, name: 'options' });
  const variants = useFieldArray({ control: form.control, name: 'variants' });
  const optionNames = watch('options').map((o, i) => o.name.trim() || `Option ${i + 1}`);
  const categories = useCategories();

  return (
    <>
      <fieldset>
        <legend>Product</legend>
        <Field label="Title" error={errors.title?.message}>
          {(c) => <input {...c} {...register('title')} />}
        </Field>
        <Field
          label="Handle"
          error={errors.handle?.message}
          hint="Lower-case words joined by hyphens: blue-tee."
        >
          {(c) => <input {...c} {...register('handle')} autoComplete="off" />}
        </Field>
        <Field label="Description" error={errors.description?.message}>
          {(c) => <textarea {...c} rows={4} {...register('description')} />}
        </Field>
        <Field label="Status" error={errors.status?.message}>
          {(c) => (
            <select {...c} {...register('status')}>
              <option value="draft">Draft</option>
              <option value="published">Published</option>
              {form.formState.defaultValues?.status === 'archived' && (
                <option value="archived">Archived</option>
              )}
            </select>
          )}
        </Field>
        <Field
          label="Attributes"
          error={errors.attributes?.message}
          hint="One key=value per line, e.g. taxClass=reduced."
        >
          {(c) => <textarea {...c} rows={3} {...register('attributes')} />}
        </Field>
      </fieldset>

      <ProductImages form={form} earlierImages={earlierImages} />

      <fieldset>
        <legend>Categories</legend>
        <QueryView query={categories} what="categories">
          {(tree) =>
            tree.length === 0 ? (
              <p className="hint">No categories yet.</p>
            ) : (
              <div className="checks">
                {flatten(tree).map(({ node, path }) => (
                  <label key={node.id} className="check">
                    <input type="checkbox" value={node.id} {...register('categoryIds')} /> {path}
                  </label>
                ))}
              </div>
            )
          }
        </QueryView>
        {errors.categoryIds && <small className="field-error">{errors.categoryIds.message}</small>}
      </fieldset>

      <fieldset>
        <legend>Options</legend>
        {options.fields.length === 0 && <p className="hint">No options: every variant is the same kind.</p>}
        {options.fields.map((field, i) => (
          <div key={field.id} className="row">
            <Field label={`Option ${i + 1} name`} error={errors.options?.[i]?.name?.message}>
              {(c) => <input {...c} {...register(`options.${i}.name`)} />}
            </Field>
            <Field
              label={`Option ${i + 1} values`}
              error={errors.options?.[i]?.values?.message}
              hint="Comma-separated: S, M, L."
            >
              {(c) => <input {...c} {...register(`options.${i}.values`)} />}
            </Field>
            <button type="button" className="link-button" onClick={() => options.remove(i)}>
              Remove option {i + 1}
            </button>
          </div>
        ))}
        {options.fields.length < 3 && (
          <button type="button" onClick={() => options.append({ name: '', values: '' })}>
            Add option
          </button>
        )}
        {errors.options?.message && <small className="field-error">{errors.options.message}</small>}
      </fieldset>

      <fieldset>
        <legend>Variants</legend>
        {variants.fields.map((field, i) => (
          <div key={field.id} className="variant">
            <h3 className="variant-title">Variant {i + 1}</h3>
            <div className="row">
              <Field label={`Variant ${i + 1} SKU`} error={errors.variants?.[i]?.sku?.message}>
                {(c) => <input {...c} {...register(`variants.${i}.sku`)} autoComplete="off" />}
              </Field>
              <Field label={`Variant ${i + 1} title`} error={errors.variants?.[i]?.title?.message}>
                {(c) => <input {...c} {...register(`variants.${i}.title`)} />}
              </Field>
              {optionNames.map((name, j) => (
                <Field
                  key={options.fields[j]?.id ?? j}
                  label={`Variant ${i + 1} ${name}`}
                  error={errors.variants?.[i]?.values?.[j]?.message}
                >
                  {(c) => <input {...c} {...register(`variants.${i}.values.${j}`)} />}
                </Field>
              ))}
              <Field label={`Variant ${i + 1} barcode`} error={errors.variants?.[i]?.barcode?.message}>
                {(c) => <input {...c} inputMode="numeric" {...register(`variants.${i}.barcode`)} />}
              </Field>
              <Field label={`Variant ${i + 1} weight (g)`} error={errors.variants?.[i]?.weightGrams?.message}>
                {(c) => <input {...c} inputMode="numeric" {...register(`variants.${i}.weightGrams`)} />}
              </Field>
            </div>
            {variants.fields.length > 1 && (
              <button type="button" className="link-button" onClick={() => variants.remove(i)}>
                Remove variant {i + 1}
              </button>
            )}
          </div>
        ))}
        <button
          type="button"
          onClick={() => variants.append({ sku: '', title: '', values: [], barcode: '', weightGrams: '' })}
        >
          Add variant
        </button>
        {errors.variants?.message && <small className="field-error">{errors.variants.message}</small>}
      </fieldset>
    </>
  );
}
