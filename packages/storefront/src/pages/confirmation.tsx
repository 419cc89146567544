// /orders/$id/confirmation: the order just placed. A customer's is read from /me/orders/{id}; a guest's
// comes from the checkout's answer kept for this tab (guests have no route to read an order).
import { must } from '@commerce/web-kit';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { placedOrder, type Order } from '../checkout-attempt.ts';
import { OrderSummary, orderStatusText } from '../order-summary.tsx';
import { useSession, useShop } from '../shop.tsx';
import { LoadError, Loading } from '../status.tsx';

function Confirmation({ order }: { order: Order }) {
  return (
    <>
      <h1>Thank you for your order</h1>
      <p className="order-number">
        Order number <strong>{order.number}</strong>
      </p>
      <p>
        Status: {orderStatusText(order)}. We will email {order.email} as it moves along.
      </p>
      <OrderSummary order={order} />
      <p>
        <Link to="/">Continue shopping</Link>
      </p>
    </>
  );
}

function CustomerConfirmation({ id }: { id: string }) {
  const { api } = useShop();
  const kept = placedOrder(id);
  const order = useQuery({
    queryKey: ['my-order', id],
    queryFn: async () => must(await api.GET('/me/orders/{id}', { params: { path: { id } } })),
    ...(kept ? { placeholderData: kept } : {}),
  });
  if (order.isPending) return <Loading what="your order" />;
  if (order.isError)
    return <LoadError what="your order" error={order.error} retry={() => void order.refetch()} />;
  return <Confirmation order={order.data} />;
}

export function ConfirmationPage() {
  const { id } = useParams({ from: '/orders/$id/confirmation' });
  const session = useSession();
  if (session) return <CustomerConfirmation id={id} />;
  const order = placedOrder(id);
  if (!order) {
    return (
      <>
        <h1>Order confirmation</h1>
        <p>This order’s details are in the confirmation email we sent you.</p>
        <p>
          <Link to="/">Continue shopping</Link>
        </p>
      </>
    );
  }
  return <Confirmation order={order} />;
}
