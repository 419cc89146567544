// The console's sections and the API route each one stands on: the navigation shows a section only when the
// route table lets the person call that route, and typing its URL by hand gives "Not allowed" otherwise.
import type { Method } from '@commerce/web-kit';

export interface RouteNeed {
  readonly method: Method;
  readonly path: string;
}

export interface NavLink {
  readonly label: string;
  readonly to: string;
  readonly needs: RouteNeed;
}

export interface NavGroup {
  readonly heading: string;
  readonly links: readonly NavLink[];
}

const need = (method: Method, path: string): RouteNeed => ({ method, path });

export const NEEDS = {
  products: need('GET', '/products'),
  createProduct: need('POST', '/products'),
  editProduct: need('PATCH', '/products/{id}'),
  categories: need('GET', '/categories'),
  prices: need('GET', '/prices/{sku}'),
  priceLists: need('GET', '/price-lists'),
  taxRules: need('GET', '/tax-rules'),
  warehouses: need('GET', '/warehouses'),
  stock: need('GET', '/stock/{sku}'),
  orders: need('GET', '/orders'),
  order: need('GET', '/orders/{id}'),
  customers: need('GET', '/customers'),
  customer: need('GET', '/customers/{id}'),
  zones: need('GET', '/shipping/zones'),
  methods: need('GET', '/shipping/methods'),
  users: need('GET', '/users'),
  inviteUser: need('POST', '/users'),
  user: need('GET', '/users/{id}'),
  deadLetterQueues: need('GET', '/operations/queues'),
  search: need('GET', '/search/synonyms'),
  promotions: need('GET', '/promotions'),
  createPromotion: need('POST', '/promotions'),
  promotion: need('GET', '/promotions/{id}'),
  reviews: need('GET', '/reviews'),
  review: need('GET', '/reviews/{id}'),
} as const;

export const NAVIGATION: readonly NavGroup[] = [
  {
    heading: 'Catalog',
    links: [
      { label: 'Products', to: '/products', needs: NEEDS.products },
      { label: 'Categories', to: '/categories', needs: NEEDS.categories },
      { label: 'Search', to: '/search', needs: NEEDS.search },
      { label: 'Reviews', to: '/reviews', needs: NEEDS.reviews },
    ],
  },
  {
    heading: 'Pricing',
    links: [
      { label: 'Prices', to: '/prices', needs: NEEDS.prices },
      { label: 'Price lists', to: '/price-lists', needs: NEEDS.priceLists },
      { label: 'Tax rules', to: '/tax-rules', needs: NEEDS.taxRules },
    ],
  },
  {
    heading: 'Inventory',
    links: [
      { label: 'Warehouses', to: '/warehouses', needs: NEEDS.warehouses },
      { label: 'Stock', to: '/stock', needs: NEEDS.stock },
    ],
  },
  {
    heading: 'Sales',
    links: [
      { label: 'Orders', to: '/orders', needs: NEEDS.orders },
      { label: 'Customers', to: '/customers', needs: NEEDS.customers },
    ],
  },
  {
    heading: 'Marketing',
    links: [{ label: 'Promotions', to: '/promotions', needs: NEEDS.promotions }],
  },
  {
    heading: 'Shipping',
    links: [
      { label: 'Shipping zones', to: '/shipping/zones', needs: NEEDS.zones },
      { label: 'Shipping methods', to: '/shipping/methods', needs: NEEDS.methods },
    ],
  },
  {
    heading: 'Administration',
    links: [{ label: 'Users', to: '/users', needs: NEEDS.users }],
  },
  {
    heading: 'Operations',
    links: [{ label: 'Dead-letter queues', to: '/operations', needs: NEEDS.deadLetterQueues }],
  },
];
