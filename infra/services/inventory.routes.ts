// The inventory's routes and the access each needs (plain data, see catalog.routes.ts). Staff manage
// warehouses and stock; anyone may ask whether a SKU is in stock, never how many units there are.
import type { RouteDefinition } from '../constructs/service-definition.ts';

const dir = 'functions/inventory/http';

export const inventoryRoutes: readonly RouteDefinition[] = [
  {
    method: 'PUT',
    path: '/warehouses/{id}',
    access: 'staff',
    handler: `${dir}/put-warehouse.ts`,
    summary: 'Create a warehouse, or replace it at the version read.',
  },
  {
    method: 'GET',
    path: '/warehouses',
    access: 'staff',
    handler: `${dir}/list-warehouses.ts`,
    summary: 'Every warehouse.',
    readOnly: true,
  },
  {
    method: 'POST',
    path: '/stock/{sku}/adjustments',
    access: 'staff',
    handler: `${dir}/adjust-stock.ts`,
    summary: 'Adjust on-hand units of a SKU in a warehouse, with a reason kept in the ledger.',
  },
  {
    method: 'GET',
    path: '/stock/{sku}',
    access: 'staff',
    handler: `${dir}/get-stock.ts`,
    summary: 'Levels of a SKU per warehouse, its totals and its recent ledger.',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/availability/{sku}',
    access: 'public',
    handler: `${dir}/get-availability.ts`,
    summary: 'Whether a SKU is in stock, low on stock or out of stock.',
    readOnly: true,
  },
  {
    method: 'GET',
    path: '/availability',
    access: 'public',
    handler: `${dir}/list-availability.ts`,
    summary: 'The availability of several SKUs.',
    readOnly: true,
  },
];
