// What a paid order (order.paid) asks of shipping: one shipment to the order's address with the method
// chosen at checkout, under an id derived from the order id so that a redelivered or repeated order.paid
// finds the shipment it created instead of buying a second label. Pure.
import { createHash } from 'node:crypto';
import type { CarrierAddress, Parcel } from './carrier.ts';

/** The part of order.paid this mapping reads. */
export interface PaidOrder {
  readonly orderId: string;
  readonly shipTo: CarrierAddress;
  readonly shippingMethod: string;
  readonly totalWeightGrams: number;
}

export interface OrderShipmentRequest {
  readonly orderId: string;
  readonly shipmentId: string;
  readonly to: CarrierAddress;
  readonly parcels: readonly Parcel[];
  readonly methodId: string;
}

const PREFIX = 'shp_';
/** Shipment ids are `^[A-Za-z0-9_-]{1,64}$`; an order id that fits behind the prefix is kept readable. */
const READABLE_ORDER_ID = /^[A-Za-z0-9_-]{1,60}$/;

/** `shp_<orderId>`, or `shp_` and a digest of the order id when that would not be a valid shipment id. */
export function shipmentIdFor(orderId: string): string {
  return READABLE_ORDER_ID.test(orderId)
    ? `${PREFIX}${orderId}`
    : `${PREFIX}${createHash('sha256').update(orderId).digest('hex').slice(0, 40)}`;
}

/** One parcel with the goods' weight, to the address the customer gave, by the method they chose. */
export function shipmentRequestFor(order: PaidOrder): OrderShipmentRequest {
  const { name, company, line1, line2, city, region, postalCode, country, phone } = order.shipTo;
  return {
    orderId: order.orderId,
    shipmentId: shipmentIdFor(order.orderId),
    to: {
      name,
      ...(company === undefined ? {} : { company }),
      line1,
      ...(line2 === undefined ? {} : { line2 }),
      city,
      ...(region === undefined ? {} : { region }),
      postalCode,
      country,
      ...(phone === undefined ? {} : { phone }),
    },
    parcels: [{ weightGrams: order.totalWeightGrams }],
    methodId: order.shippingMethod,
  };
}
