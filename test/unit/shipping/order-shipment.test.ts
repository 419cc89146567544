import { createShipmentRequestSchema } from '@commerce/contracts';
import { describe, expect, it } from 'vitest';
import { shipmentIdFor, shipmentRequestFor } from '../../../functions/shipping/domain/order-shipment.ts';

const SHIPMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

const paid = {
  orderId: 'ord_01J9ZK',
  shipTo: {
    name: 'Erika Mustermann',
    line1: 'Hauptstrasse 5',
    city: 'München',
    region: 'DE-BY',
    postalCode: '80331',
    country: 'DE',
  },
  shippingMethod: 'de-standard',
  totalWeightGrams: 1800,
};

describe('shipmentIdFor', () => {
  it('is shp_ and the order id, the same on every delivery', () => {
    expect(shipmentIdFor('ord_01J9ZK')).toBe('shp_ord_01J9ZK');
    expect(shipmentIdFor('ord_01J9ZK')).toBe(shipmentIdFor('ord_01J9ZK'));
  });

  it('keeps to the shipment id schema for any order id', () => {
    for (const orderId of ['x'.repeat(60), 'x'.repeat(61), 'CM-2026/000123', 'order id', 'ü']) {
      expect(shipmentIdFor(orderId)).toMatch(SHIPMENT_ID);
    }
    expect(shipmentIdFor('x'.repeat(60))).toBe(`shp_${'x'.repeat(60)}`);
    expect(shipmentIdFor('x'.repeat(61))).toMatch(/^shp_[0-9a-f]{40}$/);
    expect(shipmentIdFor('a/b')).not.toBe(shipmentIdFor('a/c'));
  });
});

describe('shipmentRequestFor', () => {
  it('ships one parcel of the goods’ weight to the address by the chosen method', () => {
    expect(shipmentRequestFor(paid)).toEqual({
      orderId: 'ord_01J9ZK',
      shipmentId: 'shp_ord_01J9ZK',
      to: paid.shipTo,
      parcels: [{ weightGrams: 1800 }],
      methodId: 'de-standard',
    });
  });

  it('carries the optional address fields only when given', () => {
    const full = {
      ...paid,
      shipTo: { ...paid.shipTo, company: 'ACME', line2: '2. OG', phone: '+4930123456' },
    };
    expect(shipmentRequestFor(full).to).toEqual(full.shipTo);
    expect(Object.keys(shipmentRequestFor(paid).to)).not.toContain('company');
  });

  it('makes a request the internal createShipment accepts', () => {
    expect(createShipmentRequestSchema.safeParse(shipmentRequestFor(paid)).success).toBe(true);
  });

  it('makes a request createShipment refuses for an address shipping cannot take', () => {
    const odd = { ...paid, shipTo: { ...paid.shipTo, region: 'Bavaria' } };
    expect(createShipmentRequestSchema.safeParse(shipmentRequestFor(odd)).success).toBe(false);
  });
});
