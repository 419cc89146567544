// The home page and the category pages: product cards (main image, title and shelf price) a page at a time,
// with "More" following the API's cursor. A category's products come from search (its subcategories'
// included, with price, availability, rating and image in one answer), with a link to filter and sort them.
import { Link, useParams } from '@tanstack/react-router';
import {
  findCategory,
  useCategories,
  useDisplayPrices,
  useProductPages,
  type Category,
  type Product,
} from '../catalog-data.ts';
import { MorePages } from '../more-pages.tsx';
import { FromPrice } from '../price.tsx';
import { ProductImage } from '../product-image.tsx';
import { useCategorySearch } from '../search-data.ts';
import { HitGrid } from '../search-hits.tsx';
import { LoadError, Loading } from '../status.tsx';

/** A card's width: a column of the grid (wide screens), else the page's less the card's padding. */
const CARD_IMAGE_SIZES = '(min-width: 40rem) 16rem, calc(100vw - 4rem)';

function CardPrice({ productId }: { productId: string }) {
  const prices = useDisplayPrices(productId);
  if (prices.isPending) return <span className="price muted">Price loading…</span>;
  if (prices.isError) return <span className="price muted">Price not available</span>;
  return <FromPrice prices={prices.data} />;
}

function ProductCard({ product }: { product: Product }) {
  const main = product.media[0];
  return (
    <li className="card">
      {main && <ProductImage image={main} variant="thumbnail" sizes={CARD_IMAGE_SIZES} decorative />}
      <h3>
        <Link to="/products/$handle" params={{ handle: product.handle }}>
          {product.title}
        </Link>
      </h3>
      <p className="card-description">{product.description}</p>
      <CardPrice productId={product.id} />
    </li>
  );
}

function ProductGrid({ label }: { label: string }) {
  const pages = useProductPages();
  if (pages.isPending) return <Loading what="products" />;
  // No data only when the first page failed; a failed "More" keeps the pages shown so far.
  if (!pages.data)
    return <LoadError what="products" error={pages.error} retry={() => void pages.refetch()} />;
  const products = pages.data.pages.flatMap((page) => page.items);
  return (
    <section aria-label={label}>
      {products.length === 0 ? (
        <p>No products here yet.</p>
      ) : (
        <ul className="product-grid">
          {products.map((product) => (
            <ProductCard key={product.id} product={product} />
          ))}
        </ul>
      )}
      <MorePages pages={pages} what="products" />
    </section>
  );
}

function CategoryProducts({ category }: { category: Category }) {
  const pages = useCategorySearch(category.id);
  if (pages.isPending) return <Loading what="products" />;
  if (!pages.data)
    return <LoadError what="products" error={pages.error} retry={() => void pages.refetch()} />;
  const hits = pages.data.pages.flatMap((page) => page.items);
  return (
    <section aria-label={`Products in ${category.name}`}>
      {hits.length === 0 ? (
        <p>No products here yet.</p>
      ) : (
        <>
          <p>
            <Link to="/search" search={{ category: category.id }}>
              Filter and sort the products in {category.name}
            </Link>
          </p>
          <HitGrid hits={hits} />
        </>
      )}
      <MorePages pages={pages} what="products" />
    </section>
  );
}

export function HomePage() {
  return (
    <>
      <h1>Welcome</h1>
      <p className="lead">Tees, hoodies and mugs, shipped to Germany and the United States.</p>
      <h2>New in</h2>
      <ProductGrid label="Products" />
    </>
  );
}

export function CategoryPage() {
  const { slug } = useParams({ from: '/categories/$slug' });
  const categories = useCategories();
  if (categories.isPending) return <Loading what="the category" />;
  if (categories.isError) {
    return <LoadError what="the category" error={categories.error} retry={() => void categories.refetch()} />;
  }
  const category = findCategory(categories.data, slug);
  if (!category) {
    return (
      <>
        <h1>Category not found</h1>
        <p>
          There is no category “{slug}”. <Link to="/">Back to the shop</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{category.name}</h1>
      {category.children.length > 0 && (
        <nav aria-label={`${category.name} subcategories`} className="subcategories">
          <ul>
            {category.children.map((child) => (
              <li key={child.id}>
                <Link to="/categories/$slug" params={{ slug: child.slug }}>
                  {child.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <CategoryProducts key={category.id} category={category} />
    </>
  );
}
