// The inventory's routes, each declared once: its handler, who may call it, what it calls, the schemas the
// handler validates with and the response it gives. The API, the OpenAPI document and the authorizer's route
// table are built from these entries (scripts/generate.ts). The public availability routes say in, low or out
// of stock, never how many units there are.
import { adjustmentReasonSchema, availabilitySchema } from '@commerce/events';
import { defineRoutes } from '@commerce/lambda-kit/service';
import * as z from 'zod/mini';
import {
  adjustmentBody,
  availabilityQuery,
  putWarehouseBody,
  skuParams,
  stockQuery,
  warehouseIdParams,
} from './schemas.ts';

const warehouse = z
  .object({
    id: z.string(),
    name: z.string(),
    country: z.optional(z.string()),
    version: z.number().check(z.int(), z.positive()),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .check(z.meta({ id: 'Warehouse' }));

const units = z.number().check(z.int(), z.nonnegative());

const stockLevel = z
  .object({
    warehouseId: z.string(),
    onHand: units.check(z.describe('Units in the warehouse and not yet sold.')),
    reserved: units.check(z.describe('Units held for orders waiting for payment.')),
    available: units.check(z.describe('onHand − reserved: what can still be promised.')),
    version: z.number().check(z.int(), z.nonnegative()),
    updatedAt: z.optional(z.iso.datetime()),
  })
  .check(z.meta({ id: 'StockLevel' }));

const ledgerEntry = z
  .object({
    sku: z.string(),
    warehouseId: z.string(),
    delta: z.number().check(z.int()),
    reason: adjustmentReasonSchema,
    at: z.iso.datetime(),
    actor: z.string().check(z.describe('Who adjusted: the staff user’s id.')),
    resultingOnHand: units,
    note: z.optional(z.string()),
  })
  .check(z.meta({ id: 'LedgerEntry' }));

const skuAvailability = z
  .object({ sku: z.string(), availability: availabilitySchema })
  .check(z.meta({ id: 'SkuAvailability' }));

export const inventoryRoutes = defineRoutes('inventory', {
  'PUT /warehouses/{id}': {
    entry: 'http/put-warehouse.ts',
    access: 'staff',
    summary: 'Create a warehouse, or replace it at the version read.',
    params: warehouseIdParams,
    body: putWarehouseBody,
    response: {
      status: 200,
      description: 'The warehouse, created (without `version`) or replaced (with the version read).',
      body: warehouse,
    },
    errors: [409],
  },
  'GET /warehouses': {
    entry: 'http/list-warehouses.ts',
    access: 'staff',
    summary: 'Every warehouse.',
    readOnly: true,
    response: {
      status: 200,
      description: 'Every warehouse, by id.',
      body: z.object({ items: z.array(warehouse) }).check(z.meta({ id: 'WarehouseList' })),
    },
  },
  'POST /stock/{sku}/adjustments': {
    entry: 'http/adjust-stock.ts',
    access: 'staff',
    summary: 'Adjust on-hand units of a SKU in a warehouse, with a reason kept in the ledger.',
    params: skuParams,
    body: adjustmentBody,
    response: {
      status: 201,
      description: 'Adjusted: the ledger entry and the level of the SKU in that warehouse after it.',
      body: z.object({ entry: ledgerEntry, level: stockLevel }).check(z.meta({ id: 'StockAdjusted' })),
    },
    errors: [409, 422],
  },
  'GET /stock/{sku}': {
    entry: 'http/get-stock.ts',
    access: 'staff',
    summary: 'Levels of a SKU per warehouse, its totals and its recent ledger.',
    readOnly: true,
    params: skuParams,
    query: stockQuery,
    response: {
      status: 200,
      description:
        'The SKU’s level in each warehouse, its totals, availability and recent ledger (newest first).',
      body: z
        .object({
          sku: z.string(),
          availability: availabilitySchema,
          totals: z.object({ onHand: units, reserved: units, available: units }),
          levels: z.array(stockLevel),
          ledger: z.array(ledgerEntry),
        })
        .check(z.meta({ id: 'Stock' })),
    },
    errors: [404],
  },
  'GET /availability/{sku}': {
    entry: 'http/get-availability.ts',
    access: 'public',
    summary: 'Whether a SKU is in stock, low on stock or out of stock.',
    readOnly: true,
    params: skuParams,
    response: {
      status: 200,
      description:
        'Whether the SKU is in stock, low on stock or out of stock (an unknown SKU is out of stock).',
      body: skuAvailability,
    },
  },
  'GET /availability': {
    entry: 'http/list-availability.ts',
    access: 'public',
    summary: 'The availability of several SKUs.',
    readOnly: true,
    query: availabilityQuery,
    response: {
      status: 200,
      description: 'The availability of each SKU asked for, in the order asked.',
      body: z.object({ items: z.array(skuAvailability) }).check(z.meta({ id: 'AvailabilityList' })),
    },
  },
});
