// The frame of every page: the header (shop name, product search, categories, currency, cart, sign-in or
// account), the main landmark the pages render into, and the footer.
import { Link, Outlet } from '@tanstack/react-router';
import { useId } from 'react';
import { itemCount, useCart } from './cart.ts';
import { useCategories, type Category } from './catalog-data.ts';
import { chooseCurrency, SHOP_CURRENCIES, useCurrency, type ShopCurrency } from './currency.ts';
import { SearchBox } from './search-box.tsx';
import { useSession, useShop } from './shop.tsx';

export const SHOP_NAME = 'Commerce Demo Shop';

function CategoryLinks({ nodes }: { nodes: readonly Category[] }) {
  return (
    <ul>
      {nodes.map((node) => (
        <li key={node.id}>
          <Link to="/categories/$slug" params={{ slug: node.slug }} activeProps={{ 'aria-current': 'page' }}>
            {node.name}
          </Link>
          {node.children.length > 0 && <CategoryLinks nodes={node.children} />}
        </li>
      ))}
    </ul>
  );
}

function CategoryNav() {
  const categories = useCategories();
  return (
    <nav aria-label="Categories" className="category-nav">
      {categories.isPending && (
        <p className="status" role="status">
          Loading categories…
        </p>
      )}
      {categories.isError && <p className="status">Categories are not available right now.</p>}
      {categories.data && <CategoryLinks nodes={categories.data} />}
    </nav>
  );
}

function CurrencyChooser() {
  const id = useId();
  const currency = useCurrency();
  return (
    <div className="currency">
      <label htmlFor={id}>Currency</label>
      <select id={id} value={currency} onChange={(e) => chooseCurrency(e.target.value as ShopCurrency)}>
        {SHOP_CURRENCIES.map((code) => (
          <option key={code} value={code}>
            {code}
          </option>
        ))}
      </select>
    </div>
  );
}

function AccountLinks() {
  const shop = useShop();
  const session = useSession();
  if (session) {
    return (
      <Link to="/account" className="account-link">
        Account
      </Link>
    );
  }
  return (
    <>
      <button type="button" className="link-button" onClick={() => void shop.signIn()}>
        Sign in
      </button>
      <Link to="/sign-up">Sign up</Link>
    </>
  );
}

function CartLink() {
  const cart = useCart();
  const count = itemCount(cart.data);
  return (
    <Link to="/cart" className="cart-link">
      Cart ({count})
    </Link>
  );
}

export function Layout() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="bar">
          <Link to="/" className="shop-name">
            {SHOP_NAME}
          </Link>
          <SearchBox />
          <div className="tools">
            <CurrencyChooser />
            <nav aria-label="Your shop" className="user-nav">
              <CartLink />
              <AccountLinks />
            </nav>
          </div>
        </div>
        <CategoryNav />
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p>A demo shop: payments go to a sandbox gateway, nothing is charged and nothing ships.</p>
      </footer>
    </>
  );
}
