// What a signed-in person may call, by the route table the Auth service enforces (generated from the declared
// routes), so an app shows no menu, link or button its user would only be refused at.
import { routeTable, type RouteAccess } from '@commerce/api-client/route-table';

export type Method = RouteAccess['method'];

const STAFF = new Set(['staff', 'admin']);

function allowedBy(route: RouteAccess, groups: readonly string[] | null): boolean {
  switch (route.access) {
    case 'public':
      return true;
    case 'customer':
      return groups !== null;
    case 'staff':
      return groups !== null && groups.some((g) => STAFF.has(g));
    case 'admin':
      return groups !== null && groups.includes('admin');
  }
}

/**
 * Whether someone in `groups` (null: signed out) may call `method path`, where `path` is the declared template
 * (`/orders/{id}`). An unknown route is refused, so a typo hides a button rather than showing a dead one.
 */
export function mayCall(groups: readonly string[] | null, method: Method, path: string): boolean {
  const route = routeTable.find((r) => r.method === method && r.path === path);
  return route !== undefined && allowedBy(route, groups);
}
