// The signed-in customer's pages: /account (email, links to their orders and reviews, sign-out, whether they
// want review requests by email), /account/orders (newest first, "More" follows the cursor) and
// /account/orders/$id. Their reviews are at /account/reviews (account-reviews.tsx).
import { must } from '@commerce/web-kit';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { formatMoney } from '../money.ts';
import { MorePages } from '../more-pages.tsx';
import { NumberCell, NumberHeader } from '../number-cells.tsx';
import { OrderSummary, orderStatusText } from '../order-summary.tsx';
import { ReviewEmailsSetting } from '../reviews/review-emails.tsx';
import { useSession, useShop } from '../shop.tsx';
import { LoadError, Loading } from '../status.tsx';
import { SignedInOnly } from './signed-in-only.tsx';

const ORDERS_PAGE_SIZE = 10;

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

function Account() {
  const shop = useShop();
  const session = useSession();
  return (
    <>
      <h1>Your account</h1>
      <dl className="facts">
        <div>
          <dt>Email</dt>
          <dd>{session?.email}</dd>
        </div>
      </dl>
      <p>
        <Link to="/account/orders">Your orders</Link>
      </p>
      <p>
        <Link to="/account/reviews">Your reviews</Link>
      </p>
      <button type="button" className="secondary" onClick={() => void shop.signOut()}>
        Sign out
      </button>
      <h2>Review requests</h2>
      <ReviewEmailsSetting />
    </>
  );
}

export function AccountPage() {
  return (
    <SignedInOnly title="Your account">
      <Account />
    </SignedInOnly>
  );
}

function OrderList() {
  const { api } = useShop();
  const pages = useInfiniteQuery({
    queryKey: ['my-orders'],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      must(
        await api.GET('/me/orders', {
          params: { query: { limit: ORDERS_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor,
  });
  if (pages.isPending) return <Loading what="your orders" />;
  // No data only when the first page failed; a failed "More" keeps the pages shown so far.
  if (!pages.data)
    return <LoadError what="your orders" error={pages.error} retry={() => void pages.refetch()} />;
  const orders = pages.data.pages.flatMap((page) => page.items);
  if (orders.length === 0) return <p>You have not ordered anything yet.</p>;
  return (
    <>
      <table className="lines orders">
        <caption className="visually-hidden">Your orders, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Date</th>
            <th scope="col">Status</th>
            <NumberHeader>Total</NumberHeader>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.id}>
              <th scope="row">
                <Link to="/account/orders/$id" params={{ id: order.id }}>
                  {order.number}
                </Link>
              </th>
              <td data-label="Date">{dateFormat.format(new Date(order.createdAt))}</td>
              <td data-label="Status">{orderStatusText(order)}</td>
              <NumberCell column="Total">{formatMoney(order.totals.grandTotal, order.currency)}</NumberCell>
            </tr>
          ))}
        </tbody>
      </table>
      <MorePages pages={pages} what="orders" />
    </>
  );
}

export function OrdersPage() {
  return (
    <SignedInOnly title="Your orders">
      <h1>Your orders</h1>
      <OrderList />
    </SignedInOnly>
  );
}

function OrderDetail({ id }: { id: string }) {
  const { api } = useShop();
  const order = useQuery({
    queryKey: ['my-order', id],
    queryFn: async () => must(await api.GET('/me/orders/{id}', { params: { path: { id } } })),
  });
  if (order.isPending) return <Loading what="the order" />;
  if (order.isError)
    return <LoadError what="the order" error={order.error} retry={() => void order.refetch()} />;
  const o = order.data;
  return (
    <>
      <h1>Order {o.number}</h1>
      <p>
        Placed {dateFormat.format(new Date(o.createdAt))}. Status: {orderStatusText(o)}.
        {o.shipment && ` Tracking number ${o.shipment.trackingNumber}.`}
      </p>
      <OrderSummary order={o} />
      <p>
        <Link to="/account/orders">All your orders</Link>
      </p>
    </>
  );
}

export function OrderPage() {
  const { id } = useParams({ from: '/account/orders/$id' });
  return (
    <SignedInOnly title="Your order">
      <OrderDetail id={id} />
    </SignedInOnly>
  );
}
