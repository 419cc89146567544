// The postal address carts and orders carry: a copy taken at the time, not a reference to the customer's
// address book, so later edits to the book never rewrite where an order went.

export interface PostalAddress {
  readonly name: string;
  readonly company?: string;
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  readonly region?: string;
  readonly postalCode: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  /** E.164; carriers ask for it. */
  readonly phone?: string;
}
