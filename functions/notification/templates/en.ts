// English templates; the fallback for every locale without its own catalog.
import { plain } from './escape.ts';
import {
  buttonBlock,
  draft,
  linesBlock,
  linkBlock,
  listBlock,
  para,
  type Catalog,
  type LineLabels,
} from './catalog.ts';

const labels: LineLabels = { item: 'Item', quantity: 'Qty', total: 'Amount' };

export const en: Catalog = {
  footer: (shopName) => plain`You are receiving this email because you placed an order at ${shopName}.`,
  templates: {
    order_created: (m, f) =>
      draft({
        subject: plain`Order ${m.orderNumber} received`,
        blocks: [
          para`Hello ${m.customerName},`,
          para`thank you for your order ${m.orderNumber} at ${m.shopName}. We will let you know as soon as your payment is confirmed.`,
          linesBlock(
            m.lines,
            [
              { label: 'Shipping', amount: m.shipping },
              { label: 'Total', amount: m.total, strong: true },
            ],
            labels,
            f,
          ),
          linkBlock(m.orderUrl, 'View your order'),
        ],
        sms: plain`${m.shopName}: we received your order ${m.orderNumber} (${f.money(m.total)}).`,
      }),

    order_paid: (m, f) =>
      draft({
        subject: plain`Payment received for order ${m.orderNumber}`,
        blocks: [
          para`Hello ${m.customerName},`,
          para`we received your payment of ${f.money(m.total)} for order ${m.orderNumber}. We are preparing your parcel now.`,
          linkBlock(m.orderUrl, 'View your order'),
        ],
        sms: plain`${m.shopName}: payment of ${f.money(m.total)} for order ${m.orderNumber} received. Thank you!`,
      }),

    payment_failed: (m, f) =>
      draft({
        subject: plain`Payment for order ${m.orderNumber} failed`,
        blocks: [
          para`Hello ${m.customerName},`,
          m.total === undefined
            ? para`unfortunately the payment for your order ${m.orderNumber} did not go through, so we have cancelled the order. You are welcome to order again, with another payment method if need be.`
            : para`unfortunately the payment of ${f.money(m.total)} for your order ${m.orderNumber} did not go through, so we have cancelled the order. You are welcome to order again, with another payment method if need be.`,
          linkBlock(m.retryUrl, 'Order again'),
        ],
        sms: plain`${m.shopName}: the payment for order ${m.orderNumber} failed and the order was cancelled.`,
      }),

    shipment_created: (m) =>
      draft({
        subject: plain`Order ${m.orderNumber} has shipped`,
        blocks: [
          para`Hello ${m.customerName},`,
          para`your order ${m.orderNumber} is on its way with ${m.carrier}. Tracking number: ${m.trackingNumber}`,
          linkBlock(m.trackingUrl, 'Track your parcel'),
        ],
        sms: plain`${m.shopName}: order ${m.orderNumber} has shipped with ${m.carrier}, tracking number ${m.trackingNumber}.`,
      }),

    shipment_delivered: (m) =>
      draft({
        subject: plain`Order ${m.orderNumber} delivered`,
        blocks: [
          para`Hello ${m.customerName},`,
          m.carrier === undefined || m.trackingNumber === undefined
            ? para`your order ${m.orderNumber} has been delivered. We hope you enjoy it!`
            : para`${m.carrier} reports that your order ${m.orderNumber} has been delivered (tracking number ${m.trackingNumber}). We hope you enjoy it!`,
          linkBlock(m.orderUrl, 'View your order'),
          linkBlock(m.reviewUrl, 'Review your purchase'),
        ],
        sms: plain`${m.shopName}: your order ${m.orderNumber} has been delivered.`,
      }),

    order_cancelled: (m, f) =>
      draft({
        subject: plain`Order ${m.orderNumber} cancelled`,
        blocks: [
          para`Hello ${m.customerName},`,
          para`your order ${m.orderNumber} has been cancelled.`,
          m.refund === undefined
            ? null
            : para`We are refunding ${f.money(m.refund)} to your original payment method.`,
          linkBlock(m.orderUrl, 'View your order'),
        ],
        sms: plain`${m.shopName}: your order ${m.orderNumber} has been cancelled.`,
      }),

    order_refunded: (m, f) =>
      draft({
        subject: plain`Refund for order ${m.orderNumber}`,
        blocks: [
          para`Hello ${m.customerName},`,
          m.partial
            ? para`we have refunded ${f.money(m.amount)} for part of your order ${m.orderNumber} to your original payment method.`
            : para`we have refunded ${f.money(m.amount)} for your order ${m.orderNumber} to your original payment method.`,
          para`Depending on your bank, it may take a few days until the amount shows on your statement.`,
          linkBlock(m.orderUrl, 'View your order'),
        ],
        sms: plain`${m.shopName}: we refunded ${f.money(m.amount)} for order ${m.orderNumber}.`,
      }),

    review_request: (m) =>
      draft({
        subject: plain`How is your order ${m.orderNumber}?`,
        blocks: [
          para`Hello ${m.customerName},`,
          para`we hope you are enjoying your order ${m.orderNumber}. Would you tell other shoppers what you think of it? A rating and a few words help them choose.`,
          listBlock(m.products),
          buttonBlock(m.reviewUrl, 'Write a review'),
          m.optOut.page === 'account'
            ? para`Rather not receive these emails? Untick “Email me review requests” in your account.`
            : para`Rather not receive these emails? Untick “Email me review requests for this order” on your review page.`,
          linkBlock(m.optOut.url, m.optOut.page === 'account' ? 'Your account' : 'Your review page'),
        ],
      }),
  },
};
