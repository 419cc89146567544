// The notification service's HTTP input schemas: strict, no unknown fields.
import { cursorQuery } from '@commerce/lambda-kit/contract';
import * as z from 'zod/mini';

export const listNotificationsQuery = z.strictObject({
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 20),
  cursor: cursorQuery(),
});
