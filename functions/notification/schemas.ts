// The notification service's HTTP input schemas: strict, no unknown fields.
import * as z from 'zod';

export const listNotificationsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().max(2048).optional(),
  })
  .strict();
