// What orders learns from the other services' events and keeps in its own table: each SKU's title, weight
// and whether it is for sale (product.*), each customer's price segments (customer.*). An event older than
// what is recorded changes nothing.
import type { productSnapshot } from '@commerce/events';
import type * as z from 'zod';
import { customerCartId } from '../domain/cart.ts';
import type { CartRepository, ReferenceDataRepository } from '../domain/ports.ts';
import { skusOf } from '../domain/sku.ts';

export class ReferenceData {
  readonly #repository: ReferenceDataRepository;
  readonly #carts: Pick<CartRepository, 'closeCart'>;

  constructor(repository: ReferenceDataRepository, carts: Pick<CartRepository, 'closeCart'>) {
    this.#repository = repository;
    this.#carts = carts;
  }

  async recordProduct(product: z.infer<typeof productSnapshot>): Promise<void> {
    await this.#repository.saveSkus(skusOf(product));
  }

  async recordSegments(customer: {
    readonly id: string;
    readonly segments: readonly string[];
    readonly version: number;
  }): Promise<void> {
    await this.#repository.saveSegments(customer.id, customer.segments, customer.version);
  }

  /** customer.deleted: the segments forgotten, the cart deleted and the account's cart routes closed. */
  async forgetCustomer(customerId: string): Promise<void> {
    await this.#repository.deleteSegments(customerId);
    await this.#carts.closeCart(customerCartId(customerId));
  }
}
