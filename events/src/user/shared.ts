// What every user.* event carries: the account that changed and the admin who changed it.
import * as z from 'zod';

/** The Cognito groups that carry rights; customers are in none. */
export const userGroupSchema = z.enum(['staff', 'admin']);

/** The account acted on: its Cognito username (in this pool the user's `sub`) and email. */
export const userRef = z.object({ id: z.string().min(1), email: z.string() }).strict();

/** The admin who acted, as their access token names them. */
export const actingAdmin = z.object({ sub: z.string().min(1), email: z.string() }).strict();

export const userAction = z.object({ user: userRef, actor: actingAdmin }).strict();
export const userGroupAction = z
  .object({ user: userRef, actor: actingAdmin, group: userGroupSchema })
  .strict();
