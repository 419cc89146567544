// What every user.* event carries: the account that changed and the admin who changed it.
import * as z from 'zod/mini';

/** The Cognito groups that carry rights; customers are in none. */
export const userGroupSchema = z.enum(['staff', 'admin']);

/** The account acted on: its Cognito username (in this pool the user's `sub`) and email. */
export const userRef = z.strictObject({ id: z.string().check(z.minLength(1)), email: z.string() });

/** The admin who acted, as their access token names them. */
export const actingAdmin = z.strictObject({ sub: z.string().check(z.minLength(1)), email: z.string() });

export const userAction = z.strictObject({ user: userRef, actor: actingAdmin });
export const userGroupAction = z.strictObject({ user: userRef, actor: actingAdmin, group: userGroupSchema });
