// A product by its handle: its images (the main one large, a row of thumbnails to switch it), one picker per
// option selects the variant, whose shelf price (chosen currency), availability and quantity go with "Add to
// cart"; then its reviews (reviews/product-reviews.tsx), and its schema.org data for search engines.
import { Link, useParams } from '@tanstack/react-router';
import { Fragment, useId, useState, type FormEvent } from 'react';
import { useCart, useCartChange } from '../cart.ts';
import {
  AVAILABILITY_TEXT,
  useAvailability,
  useDisplayPrices,
  useProductByHandle,
  type Product,
} from '../catalog-data.ts';
import { useCurrency } from '../currency.ts';
import { UnitPrice } from '../price.tsx';
import { isShowable, ProductImage, type ProductMedia } from '../product-image.tsx';
import { ProductJsonLd } from '../reviews/product-json-ld.tsx';
import { ProductReviews } from '../reviews/product-reviews.tsx';
import { useSession } from '../shop.tsx';
import { rememberSku } from '../sku-labels.ts';
import { errorText, LoadError, Loading } from '../status.tsx';

/** What a guest cart holds of one SKU (docs/orders.md, `MAX_GUEST_LINE_QUANTITY`); customers up to 100. */
const GUEST_MAX_QUANTITY = 10;
const CUSTOMER_MAX_QUANTITY = 100;

type Variant = Product['variants'][number];

function optionLabel(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

function OptionPicker({
  option,
  value,
  onChange,
}: {
  option: Product['options'][number];
  value: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{optionLabel(option.name)}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {option.values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </div>
  );
}

function VariantPrice({ product, variant }: { product: Product; variant: Variant }) {
  const prices = useDisplayPrices(product.id);
  if (prices.isPending) return <p className="status">Price loading…</p>;
  if (prices.isError)
    return <LoadError what="the price" error={prices.error} retry={() => void prices.refetch()} />;
  const item = prices.data.items.find((i) => i.sku === variant.sku);
  if (!item) return <p className="price">Not sold in {prices.data.currency}.</p>;
  return (
    <p className="product-price">
      <UnitPrice item={item} prices={prices.data} />
    </p>
  );
}

function Availability({ sku }: { sku: string }) {
  const availability = useAvailability(sku);
  if (availability.isPending) return <p className="status">Checking stock…</p>;
  if (availability.isError) return <p className="status">Stock information is not available.</p>;
  return <p className={`availability ${availability.data}`}>{AVAILABILITY_TEXT[availability.data]}</p>;
}

function AddToCart({ product, variant }: { product: Product; variant: Variant | undefined }) {
  const quantityId = useId();
  const [quantity, setQuantity] = useState(1);
  const session = useSession();
  const currency = useCurrency();
  const cart = useCart();
  const change = useCartChange();
  const availability = useAvailability(variant?.sku);
  const max = session ? CUSTOMER_MAX_QUANTITY : GUEST_MAX_QUANTITY;
  const soldOut = availability.data === 'out_of_stock';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!variant) return;
    rememberSku(variant.sku, {
      title: product.title,
      handle: product.handle,
      ...(product.options.length > 0 ? { variant: variant.title } : {}),
    });
    change.mutate({ kind: 'add', sku: variant.sku, quantity });
  };

  const cartCurrency = cart.data && cart.data.lines.length > 0 ? cart.data.currency : undefined;
  return (
    <form className="add-to-cart" onSubmit={submit}>
      <div className="field">
        <label htmlFor={quantityId}>Quantity</label>
        <input
          id={quantityId}
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          value={quantity}
          onChange={(e) => setQuantity(Math.min(max, Math.max(1, Math.trunc(Number(e.target.value)) || 1)))}
        />
      </div>
      <button type="submit" disabled={!variant || soldOut || change.isPending}>
        Add to cart
      </button>
      <div aria-live="polite">
        {change.isSuccess && (
          <p className="notice">
            Added to your cart. <Link to="/cart">View cart</Link>
          </p>
        )}
      </div>
      {change.isError && (
        <p className="alert" role="alert">
          {errorText(change.error)}
        </p>
      )}
      {cartCurrency && cartCurrency !== currency && (
        <p className="notice">
          Your cart is priced in {cartCurrency}; this item is charged in {cartCurrency} too.
        </p>
      )}
    </form>
  );
}

/** The main image's width (styles.css): the column beside the details from 56rem, else the page's up to 40rem. */
const MAIN_IMAGE_SIZES =
  '(min-width: 72rem) 42rem, (min-width: 56rem) calc(100vw - 30rem), (min-width: 42rem) 40rem, calc(100vw - 2rem)';

/** The main image large, and when there are more, a thumbnail of each that shows it in its place. */
function Gallery({ images }: { images: readonly ProductMedia[] }) {
  const [shown, setShown] = useState(0);
  const main = images[shown] ?? images[0];
  if (!main) return null;
  return (
    <div className="gallery">
      <ProductImage key={shown} image={main} sizes={MAIN_IMAGE_SIZES} loading="eager" highPriority />
      {images.length > 1 && (
        <ul className="gallery-thumbnails" aria-label="Product images">
          {images.map((image, i) => (
            <li key={image.id ?? i}>
              <button
                type="button"
                aria-label={`Show image ${i + 1} of ${images.length}`}
                aria-pressed={i === shown}
                onClick={() => setShown(i)}
              >
                <ProductImage image={image} variant="thumbnail" sizes="4.5rem" decorative />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ProductDetail({ product }: { product: Product }) {
  const first = product.variants[0];
  const [chosen, setChosen] = useState<Record<string, string>>(() => ({ ...first?.optionValues }));
  const variant = product.variants.find((v) =>
    product.options.every((option) => v.optionValues[option.name] === chosen[option.name]),
  );
  const images = product.media.filter((image) => isShowable(image));
  return (
    <article className={images.length > 0 ? 'product with-gallery' : 'product'}>
      <h1>{product.title}</h1>
      {images.length > 0 && <Gallery images={images} />}
      <div className="product-details">
        <p>{product.description}</p>
        {product.options.length > 0 && (
          <fieldset className="options">
            <legend>Choose your variant</legend>
            {product.options.map((option) => (
              <OptionPicker
                key={option.name}
                option={option}
                value={chosen[option.name] ?? ''}
                onChange={(value) => setChosen((current) => ({ ...current, [option.name]: value }))}
              />
            ))}
          </fieldset>
        )}
        {variant ? (
          <>
            <VariantPrice product={product} variant={variant} />
            <Availability sku={variant.sku} />
          </>
        ) : (
          <p className="notice">This combination is not available.</p>
        )}
        <AddToCart product={product} variant={variant} />
        {Object.keys(product.attributes).length > 0 && (
          <dl className="facts">
            {Object.entries(product.attributes)
              .filter(([name]) => name !== 'taxClass')
              .map(([name, value]) => (
                <div key={name}>
                  <dt>{optionLabel(name)}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
          </dl>
        )}
      </div>
    </article>
  );
}

export function ProductPage() {
  const { handle } = useParams({ from: '/products/$handle' });
  const product = useProductByHandle(handle);
  if (product.isPending) return <Loading what="the product" />;
  if (product.isError) {
    return <LoadError what="the product" error={product.error} retry={() => void product.refetch()} />;
  }
  return (
    <Fragment key={product.data.id}>
      <ProductDetail product={product.data} />
      <ProductReviews product={product.data} />
      <ProductJsonLd product={product.data} />
    </Fragment>
  );
}
