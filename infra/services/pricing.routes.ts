// The pricing service's routes and the access each needs (plain data, see catalog.routes.ts).
import type { RouteDefinition } from '../constructs/service-definition.ts';

const dir = 'functions/pricing/http';

export const pricingRoutes: readonly RouteDefinition[] = [
  {
    method: 'PUT',
    path: '/prices/{sku}',
    access: 'staff',
    handler: `${dir}/set-sku-prices.ts`,
    summary: "Set a SKU's base and sale prices in every currency.",
  },
  {
    method: 'GET',
    path: '/prices/{sku}',
    access: 'staff',
    handler: `${dir}/get-sku-prices.ts`,
    summary: "A SKU's base and sale prices.",
    readOnly: true,
  },
  {
    method: 'PUT',
    path: '/price-lists/{segment}',
    access: 'staff',
    handler: `${dir}/set-price-list.ts`,
    summary: "Set a customer segment's price list.",
  },
  {
    method: 'GET',
    path: '/price-lists',
    access: 'staff',
    handler: `${dir}/list-price-lists.ts`,
    summary: 'Every segment price list.',
    readOnly: true,
  },
  {
    method: 'PUT',
    path: '/tax-rules',
    access: 'staff',
    handler: `${dir}/set-tax-rules.ts`,
    summary: 'Replace the tax table: rates and display modes per country and region.',
  },
  {
    method: 'GET',
    path: '/tax-rules',
    access: 'staff',
    handler: `${dir}/get-tax-rules.ts`,
    summary: 'The tax table.',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/product-prices/{id}',
    access: 'public',
    handler: `${dir}/get-product-price.ts`,
    summary: "A product's variant prices with tax, for a currency and destination.",
    readOnly: true,
  },
];
