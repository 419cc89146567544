// The orders service's use cases, built on its ports (domain/ports.ts): carts, checkout (the synchronous
// saga step: claim the key → price → reserve → place → authorize), the order's life after it (payment,
// shipment and reservation events), the customer and staff operations on orders, and what orders learns of
// products and customers. runtime.ts builds them once per cold start; tests build them on in-memory ports.
import * as z from 'zod/mini';
import type { OrdersRepository, Peers } from './domain/ports.ts';
import { Carts } from './use-cases/carts.ts';
import { Checkout } from './use-cases/checkout.ts';
import { OrderLifecycle } from './use-cases/order-lifecycle.ts';
import { OrderOperations } from './use-cases/order-operations.ts';
import { OrderWriter } from './use-cases/order-writer.ts';
import { ReferenceData } from './use-cases/reference-data.ts';

export interface OrdersOptions {
  /** Where taxes are estimated for a cart without an address. */
  readonly homeCountry: string;
  /** The currency of a customer's new cart. */
  readonly defaultCurrency: string;
  /** How long checkout holds stock for an order awaiting payment. */
  readonly holdSeconds: number;
  /** How long a checkout in progress keeps its Idempotency-Key from a retry; past it a retry resumes it. */
  readonly checkoutLeaseMs: number;
  /** Minor units per currency above which a staff refund needs an admin (stage config). */
  readonly refundApprovalAbove: Readonly<Record<string, number>>;
  /** @default the system clock */
  readonly now?: () => Date;
  /** How a cancellation waits for a capture in flight. @default setTimeout */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface OrdersUseCases {
  readonly carts: Carts;
  readonly checkout: Checkout;
  readonly lifecycle: OrderLifecycle;
  readonly operations: OrderOperations;
  readonly referenceData: ReferenceData;
}

export function ordersUseCases(
  ports: { readonly repository: OrdersRepository; readonly peers: Peers },
  options: OrdersOptions,
): OrdersUseCases {
  const { repository, peers } = ports;
  const now = options.now ?? (() => new Date());
  const writer = new OrderWriter(repository.orders, now);
  const carts = new Carts(repository, peers, {
    homeCountry: options.homeCountry,
    defaultCurrency: options.defaultCurrency,
    now,
  });
  return {
    carts,
    checkout: new Checkout(repository, peers, carts, writer, {
      holdSeconds: options.holdSeconds,
      leaseMs: options.checkoutLeaseMs,
      now,
    }),
    lifecycle: new OrderLifecycle(peers, writer, now),
    operations: new OrderOperations(repository.orders, peers, writer, {
      refundApprovalAbove: options.refundApprovalAbove,
      now,
      carts: repository.carts,
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
    }),
    referenceData: new ReferenceData(repository.referenceData, repository.carts),
  };
}

/** The stage's refund approval limits as the environment carries them (JSON: currency → minor units). */
export function refundApprovalLimits(json: string): Readonly<Record<string, number>> {
  return refundLimitsSchema.parse(JSON.parse(json));
}

const refundLimitsSchema = z.record(
  z.string().check(z.regex(/^[A-Z]{3}$/)),
  z.number().check(z.int(), z.nonnegative()),
);
