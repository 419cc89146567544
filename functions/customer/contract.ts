// The customer service's HTTP contract: per route, the schemas its handler validates with and the response
// it gives. The OpenAPI document is generated from this (see scripts/generate-openapi.ts).
import { customerSnapshot } from '@commerce/events';
import { defineContract, pageSchema } from '@commerce/lambda-kit/contract';
import * as z from 'zod';
import {
  addressBody,
  addressIdParams,
  customerIdParams,
  listCustomersQuery,
  segmentsBody,
  updateProfileBody,
} from './schemas.ts';

const profile = z
  .object({
    ...customerSnapshot.shape,
    defaultShippingAddressId: z.uuid().optional(),
    defaultBillingAddressId: z.uuid().optional(),
  })
  .meta({ id: 'CustomerProfile' });

const address = z
  .object({
    id: z.uuid(),
    name: z.string(),
    company: z.string().optional(),
    line1: z.string(),
    line2: z.string().optional(),
    city: z.string(),
    region: z.string().optional(),
    postalCode: z.string(),
    country: z.string(),
    phone: z.string().optional(),
  })
  .meta({ id: 'Address' });

const listedAddress = z
  .object({ ...address.shape, defaultShipping: z.boolean(), defaultBilling: z.boolean() })
  .meta({ id: 'ListedAddress' });

export const customerContract = defineContract({
  'GET /me': {
    response: { status: 200, description: 'My profile (created on first use).', body: profile },
  },
  'PATCH /me': {
    body: updateProfileBody,
    response: { status: 200, description: 'My changed profile.', body: profile },
    errors: [409],
  },
  'DELETE /me': {
    response: { status: 204, description: 'Profile anonymized and sign-in disabled.' },
  },
  'GET /me/export': {
    response: {
      status: 200,
      description: 'Everything held about me, as an attachment.',
      body: z
        .object({ exportedAt: z.iso.datetime(), profile, addresses: z.array(address) })
        .meta({ id: 'CustomerExport' }),
    },
  },
  'GET /me/addresses': {
    response: {
      status: 200,
      description: 'My addresses and which are the defaults.',
      body: z.object({ items: z.array(listedAddress) }).meta({ id: 'AddressList' }),
    },
  },
  'POST /me/addresses': {
    body: addressBody,
    response: { status: 201, description: 'Added; `location` names it.', body: address },
    errors: [409, 422],
  },
  'PUT /me/addresses/{id}': {
    params: addressIdParams,
    body: addressBody,
    response: { status: 200, description: 'The replaced address.', body: address },
    errors: [404, 409],
  },
  'DELETE /me/addresses/{id}': {
    params: addressIdParams,
    response: { status: 204, description: 'Removed.' },
    errors: [404],
  },
  'GET /customers': {
    query: listCustomersQuery,
    response: {
      status: 200,
      description: 'A page of customers, newest first.',
      body: pageSchema(profile, 'CustomerPage'),
    },
  },
  'GET /customers/{id}': {
    params: customerIdParams,
    response: {
      status: 200,
      description: 'The customer with their addresses.',
      body: z.object({ ...profile.shape, addresses: z.array(address) }).meta({ id: 'CustomerWithAddresses' }),
    },
    errors: [404],
  },
  'PUT /customers/{id}/segments': {
    params: customerIdParams,
    body: segmentsBody,
    response: { status: 200, description: 'The customer with the new segments.', body: profile },
    errors: [404, 409],
  },
});
