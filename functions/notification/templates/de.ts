// German templates (formal address).
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

const labels: LineLabels = { item: 'Artikel', quantity: 'Menge', total: 'Betrag' };

export const de: Catalog = {
  footer: (shopName) => plain`Sie erhalten diese E-Mail, weil Sie bei ${shopName} bestellt haben.`,
  templates: {
    order_created: (m, f) =>
      draft({
        subject: plain`Bestellung ${m.orderNumber} eingegangen`,
        blocks: [
          para`Hallo ${m.customerName},`,
          para`vielen Dank für Ihre Bestellung ${m.orderNumber} bei ${m.shopName}. Wir melden uns, sobald Ihre Zahlung bestätigt ist.`,
          linesBlock(
            m.lines,
            [
              { label: 'Versand', amount: m.shipping },
              { label: 'Gesamtsumme', amount: m.total, strong: true },
            ],
            labels,
            f,
          ),
          linkBlock(m.orderUrl, 'Bestellung ansehen'),
        ],
        sms: plain`${m.shopName}: Ihre Bestellung ${m.orderNumber} (${f.money(m.total)}) ist eingegangen.`,
      }),

    order_paid: (m, f) =>
      draft({
        subject: plain`Zahlung für Bestellung ${m.orderNumber} erhalten`,
        blocks: [
          para`Hallo ${m.customerName},`,
          para`wir haben Ihre Zahlung über ${f.money(m.total)} für die Bestellung ${m.orderNumber} erhalten. Wir bereiten Ihr Paket jetzt vor.`,
          linkBlock(m.orderUrl, 'Bestellung ansehen'),
        ],
        sms: plain`${m.shopName}: Zahlung über ${f.money(m.total)} für Bestellung ${m.orderNumber} erhalten. Vielen Dank!`,
      }),

    payment_failed: (m, f) =>
      draft({
        subject: plain`Zahlung für Bestellung ${m.orderNumber} fehlgeschlagen`,
        blocks: [
          para`Hallo ${m.customerName},`,
          m.total === undefined
            ? para`leider konnte die Zahlung für Ihre Bestellung ${m.orderNumber} nicht durchgeführt werden, daher haben wir die Bestellung storniert. Sie können gern erneut bestellen, auch mit einer anderen Zahlungsart.`
            : para`leider konnte die Zahlung über ${f.money(m.total)} für Ihre Bestellung ${m.orderNumber} nicht durchgeführt werden, daher haben wir die Bestellung storniert. Sie können gern erneut bestellen, auch mit einer anderen Zahlungsart.`,
          linkBlock(m.retryUrl, 'Erneut bestellen'),
        ],
        sms: plain`${m.shopName}: Die Zahlung für Bestellung ${m.orderNumber} ist fehlgeschlagen, die Bestellung wurde storniert.`,
      }),

    shipment_created: (m) =>
      draft({
        subject: plain`Bestellung ${m.orderNumber} wurde versandt`,
        blocks: [
          para`Hallo ${m.customerName},`,
          para`Ihre Bestellung ${m.orderNumber} ist mit ${m.carrier} unterwegs. Sendungsnummer: ${m.trackingNumber}`,
          linkBlock(m.trackingUrl, 'Sendung verfolgen'),
        ],
        sms: plain`${m.shopName}: Bestellung ${m.orderNumber} ist mit ${m.carrier} unterwegs, Sendungsnummer ${m.trackingNumber}.`,
      }),

    shipment_delivered: (m) =>
      draft({
        subject: plain`Bestellung ${m.orderNumber} wurde zugestellt`,
        blocks: [
          para`Hallo ${m.customerName},`,
          m.carrier === undefined || m.trackingNumber === undefined
            ? para`Ihre Bestellung ${m.orderNumber} wurde zugestellt. Viel Freude damit!`
            : para`${m.carrier} meldet, dass Ihre Bestellung ${m.orderNumber} zugestellt wurde (Sendungsnummer ${m.trackingNumber}). Viel Freude damit!`,
          linkBlock(m.orderUrl, 'Bestellung ansehen'),
          linkBlock(m.reviewUrl, 'Ihren Einkauf bewerten'),
        ],
        sms: plain`${m.shopName}: Ihre Bestellung ${m.orderNumber} wurde zugestellt.`,
      }),

    order_cancelled: (m, f) =>
      draft({
        subject: plain`Bestellung ${m.orderNumber} storniert`,
        blocks: [
          para`Hallo ${m.customerName},`,
          para`Ihre Bestellung ${m.orderNumber} wurde storniert.`,
          m.refund === undefined
            ? null
            : para`Den Betrag von ${f.money(m.refund)} erstatten wir auf Ihr ursprüngliches Zahlungsmittel.`,
          linkBlock(m.orderUrl, 'Bestellung ansehen'),
        ],
        sms: plain`${m.shopName}: Ihre Bestellung ${m.orderNumber} wurde storniert.`,
      }),

    order_refunded: (m, f) =>
      draft({
        subject: plain`Erstattung für Bestellung ${m.orderNumber}`,
        blocks: [
          para`Hallo ${m.customerName},`,
          m.partial
            ? para`wir haben Ihnen ${f.money(m.amount)} für einen Teil Ihrer Bestellung ${m.orderNumber} auf Ihr ursprüngliches Zahlungsmittel erstattet.`
            : para`wir haben Ihnen ${f.money(m.amount)} für Ihre Bestellung ${m.orderNumber} auf Ihr ursprüngliches Zahlungsmittel erstattet.`,
          para`Je nach Bank kann es einige Tage dauern, bis der Betrag auf Ihrem Konto sichtbar ist.`,
          linkBlock(m.orderUrl, 'Bestellung ansehen'),
        ],
        sms: plain`${m.shopName}: Wir haben ${f.money(m.amount)} für Bestellung ${m.orderNumber} erstattet.`,
      }),

    review_request: (m) =>
      draft({
        subject: plain`Wie gefällt Ihnen Ihre Bestellung ${m.orderNumber}?`,
        blocks: [
          para`Hallo ${m.customerName},`,
          para`wir hoffen, Sie haben Freude an Ihrer Bestellung ${m.orderNumber}. Möchten Sie anderen erzählen, wie sie Ihnen gefällt? Eine Bewertung mit ein paar Worten hilft bei der Auswahl.`,
          listBlock(m.products),
          buttonBlock(m.reviewUrl, 'Bewertung schreiben'),
          m.optOut.page === 'account'
            ? para`Sie möchten diese E-Mails nicht mehr erhalten? Entfernen Sie in Ihrem Kundenkonto den Haken bei „Email me review requests“.`
            : para`Sie möchten diese E-Mails nicht mehr erhalten? Entfernen Sie auf Ihrer Bewertungsseite den Haken bei „Email me review requests for this order“.`,
          linkBlock(m.optOut.url, m.optOut.page === 'account' ? 'Ihr Kundenkonto' : 'Ihre Bewertungsseite'),
        ],
      }),
  },
};
