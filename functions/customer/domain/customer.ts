// Customer profile and address rules. Pure; no AWS.

export interface MarketingConsent {
  readonly email: boolean;
  readonly sms: boolean;
}

export interface Customer {
  /** The Cognito user's sub. */
  readonly id: string;
  readonly email: string;
  readonly givenName?: string;
  readonly familyName?: string;
  /** E.164. */
  readonly phone?: string;
  /** BCP 47, e.g. en-GB. */
  readonly locale?: string;
  /** ISO 4217, e.g. EUR. */
  readonly preferredCurrency?: string;
  readonly marketingConsent: MarketingConsent;
  /** Set by staff only (wholesale, vip, ...); pricing and promotions read them. */
  readonly segments: readonly string[];
  readonly defaultShippingAddressId?: string;
  readonly defaultBillingAddressId?: string;
  readonly status: 'active' | 'deleted';
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What a customer may change about themselves: never email, segments, groups or status. */
export type ProfilePatch = Partial<
  Pick<Customer, 'givenName' | 'familyName' | 'phone' | 'locale' | 'preferredCurrency' | 'marketingConsent'>
>;

export interface Address {
  readonly id: string;
  readonly name: string;
  readonly company?: string;
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  readonly region?: string;
  readonly postalCode: string;
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly phone?: string;
}

export interface CustomerChange {
  readonly before: Customer;
  readonly after: Customer;
  readonly changedFields: readonly string[];
}

export const MAX_ADDRESSES = 20;

export function newCustomer(id: string, email: string, now: Date): Customer {
  const at = now.toISOString();
  return {
    id,
    email,
    marketingConsent: { email: false, sms: false },
    segments: [],
    status: 'active',
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

function change(before: Customer, fields: Partial<Customer>, now: Date): CustomerChange {
  const changedFields = Object.keys(fields).filter(
    (k) => JSON.stringify(fields[k as keyof Customer]) !== JSON.stringify(before[k as keyof Customer]),
  );
  if (changedFields.length === 0) return { before, after: before, changedFields };
  const picked = Object.fromEntries(changedFields.map((k) => [k, fields[k as keyof Customer]]));
  return {
    before,
    after: { ...before, ...picked, version: before.version + 1, updatedAt: now.toISOString() },
    changedFields,
  };
}

export function applyProfilePatch(customer: Customer, patch: ProfilePatch, now: Date): CustomerChange {
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  return change(customer, defined, now);
}

export function setSegments(customer: Customer, segments: readonly string[], now: Date): CustomerChange {
  return change(customer, { segments: [...new Set(segments)].sort() }, now);
}

export function setDefaults(
  customer: Customer,
  addressId: string,
  flags: { shipping?: boolean | undefined; billing?: boolean | undefined },
  now: Date,
): CustomerChange {
  return change(
    customer,
    {
      ...(flags.shipping ? { defaultShippingAddressId: addressId } : {}),
      ...(flags.billing ? { defaultBillingAddressId: addressId } : {}),
    },
    now,
  );
}

/** Forgets who the customer was: keeps only the id, so orders can still refer to it. */
export function anonymize(customer: Customer, now: Date): Customer {
  const at = now.toISOString();
  return {
    id: customer.id,
    email: `deleted-${customer.id}@invalid`,
    marketingConsent: { email: false, sms: false },
    segments: [],
    status: 'deleted',
    version: customer.version + 1,
    createdAt: customer.createdAt,
    updatedAt: at,
  };
}

/** The profile as events and staff see it. */
export function snapshot(c: Customer) {
  return {
    id: c.id,
    email: c.email,
    ...(c.givenName !== undefined ? { givenName: c.givenName } : {}),
    ...(c.familyName !== undefined ? { familyName: c.familyName } : {}),
    ...(c.phone !== undefined ? { phone: c.phone } : {}),
    ...(c.locale !== undefined ? { locale: c.locale } : {}),
    ...(c.preferredCurrency !== undefined ? { preferredCurrency: c.preferredCurrency } : {}),
    marketingConsent: c.marketingConsent,
    segments: [...c.segments],
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
