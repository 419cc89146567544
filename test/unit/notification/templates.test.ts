import { describe, expect, it } from 'vitest';
import {
  EMAIL_ONLY_KINDS,
  NOTIFICATION_KINDS,
  type NotificationModels,
} from '../../../functions/notification/templates/models.ts';
import { renderNotification, resolveLocale } from '../../../functions/notification/templates/render.ts';

const NBSP = '\u00a0';
const eur = (amount: number) => ({ amount, currency: 'EUR' });
const base = {
  shopName: 'Acme',
  customerName: 'Erika',
  orderNumber: '1042',
  orderUrl: 'https://shop.example.com/orders/1042',
};

const models: NotificationModels = {
  order_created: {
    ...base,
    lines: [
      { title: 'Mug', quantity: 2, total: eur(2400) },
      { title: 'Tea', quantity: 1, total: eur(599) },
    ],
    shipping: eur(490),
    total: eur(3489),
  },
  order_paid: { ...base, total: eur(3489) },
  payment_failed: { ...base, total: eur(3489), retryUrl: 'https://shop.example.com/pay/1042' },
  shipment_created: {
    ...base,
    carrier: 'sandbox',
    trackingNumber: 'SBX000000000042',
    trackingUrl: 'https://track.example.com/SBX000000000042',
  },
  shipment_delivered: {
    ...base,
    carrier: 'sandbox',
    trackingNumber: 'SBX000000000042',
    reviewUrl: 'https://shop.example.com/account/reviews',
  },
  order_cancelled: { ...base, refund: eur(3489) },
  order_refunded: { ...base, amount: eur(1234), partial: true },
  review_request: {
    ...base,
    products: ['Mug', 'Tea'],
    reviewUrl: 'https://shop.example.com/account/reviews',
    optOut: { page: 'account', url: 'https://shop.example.com/account' },
  },
};
const emailOnly: ReadonlySet<string> = new Set(EMAIL_ONLY_KINDS);

function renderAll(locale: string) {
  return NOTIFICATION_KINDS.map((kind) => renderNotification(kind, models[kind], locale));
}

describe('templates', () => {
  it.each(['en', 'de'])(
    'renders every kind in %s with a subject, text, HTML and a one-line SMS unless it is email-only',
    (locale) => {
      for (const message of renderAll(locale)) {
        expect(message.locale).toBe(locale);
        expect(message.subject).toContain('1042');
        expect(message.text).toContain('Erika');
        expect(message.html).toMatch(new RegExp(`^<!doctype html>\\n<html lang="${locale}">`));
        expect(message.html).toContain('Erika');
        if (emailOnly.has(message.kind)) {
          expect(message.sms, message.kind).toBeUndefined();
          continue;
        }
        expect(message.sms).toContain('1042');
        expect(message.sms).not.toMatch(/\n/);
        expect(message.sms?.length).toBeLessThanOrEqual(160);
      }
    },
  );

  it('writes the order confirmation in German with German amounts', () => {
    const message = renderNotification('order_created', models.order_created, 'de');

    expect(message.subject).toBe('Bestellung 1042 eingegangen');
    expect(message.text).toBe(
      [
        'Hallo Erika,',
        '',
        'vielen Dank für Ihre Bestellung 1042 bei Acme. Wir melden uns, sobald Ihre Zahlung bestätigt ist.',
        '',
        `- 2 × Mug: 24,00${NBSP}€`,
        `- 1 × Tea: 5,99${NBSP}€`,
        `Versand: 4,90${NBSP}€`,
        `Gesamtsumme: 34,89${NBSP}€`,
        '',
        'Bestellung ansehen: https://shop.example.com/orders/1042',
        '',
        '-- ',
        'Sie erhalten diese E-Mail, weil Sie bei Acme bestellt haben.',
        '',
      ].join('\n'),
    );
    expect(message.sms).toBe(`Acme: Ihre Bestellung 1042 (34,89${NBSP}€) ist eingegangen.`);
  });

  it('writes the shipping notice in English with the tracking link', () => {
    const message = renderNotification('shipment_created', models.shipment_created, 'en');

    expect(message.subject).toBe('Order 1042 has shipped');
    expect(message.text).toContain('Tracking number: SBX000000000042');
    expect(message.html).toContain(
      '<a href="https://track.example.com/SBX000000000042">Track your parcel</a>',
    );
  });

  it('formats USD and JPY by their own minor digits in English', () => {
    const usd = renderNotification('order_paid', { ...base, total: { amount: 1999, currency: 'USD' } }, 'en');
    const jpy = renderNotification(
      'order_refunded',
      { ...base, amount: { amount: 1500, currency: 'JPY' }, partial: false },
      'en',
    );

    expect(usd.text).toContain('payment of $19.99 for order 1042');
    expect(jpy.text).toContain('refunded ¥1,500 for your order 1042');
  });

  it('says whether a refund was partial', () => {
    const partial = renderNotification('order_refunded', models.order_refunded, 'en');
    const full = renderNotification('order_refunded', { ...models.order_refunded, partial: false }, 'de');

    expect(partial.text).toContain('for part of your order 1042');
    expect(full.text).toContain(`wir haben Ihnen 12,34${NBSP}€ für Ihre Bestellung 1042`);
  });

  it('leaves out links and the refund sentence it has nothing for', () => {
    const { orderUrl: _, ...withoutUrl } = base;
    const message = renderNotification('order_cancelled', withoutUrl, 'en');

    expect(message.text).not.toContain('refunding');
    expect(message.text).not.toContain('View your order');
    expect(message.html).not.toContain('<a ');
  });
});

describe('order events without every fact', () => {
  it('says the order was cancelled when the payment failed, with or without the amount', () => {
    const withTotal = renderNotification('payment_failed', models.payment_failed, 'en');
    const { total: _, ...withoutTotal } = models.payment_failed;
    const de = renderNotification('payment_failed', withoutTotal, 'de');

    expect(withTotal.text).toContain(
      `payment of €34.89 for your order 1042 did not go through, so we have cancelled`,
    );
    expect(de.text).toContain(
      'die Zahlung für Ihre Bestellung 1042 nicht durchgeführt werden, daher haben wir',
    );
    expect(de.text).not.toContain('€');
  });

  it('reports a delivery without a carrier or tracking number', () => {
    const message = renderNotification('shipment_delivered', base, 'en');

    expect(message.text).toContain('your order 1042 has been delivered. We hope you enjoy it!');
    expect(message.text).not.toContain('tracking number');
  });
});

describe('review requests', () => {
  const guest = {
    ...models.review_request,
    reviewUrl: 'https://shop.example.com/review/tok-1',
    optOut: { page: 'review-page', url: 'https://shop.example.com/review/tok-1' },
  } as const;

  it("asks a customer in English for reviews of the order's products, with the way to stop", () => {
    const message = renderNotification('review_request', models.review_request, 'en');

    expect(message.subject).toBe('How is your order 1042?');
    expect(message.text).toBe(
      [
        'Hello Erika,',
        '',
        'we hope you are enjoying your order 1042. Would you tell other shoppers what you think of it? A rating and a few words help them choose.',
        '',
        '- Mug',
        '- Tea',
        '',
        'Write a review: https://shop.example.com/account/reviews',
        '',
        'Rather not receive these emails? Untick “Email me review requests” in your account.',
        '',
        'Your account: https://shop.example.com/account',
        '',
        '-- ',
        'You are receiving this email because you placed an order at Acme.',
        '',
      ].join('\n'),
    );
    expect(message.html).toContain('<ul><li>Mug</li><li>Tea</li></ul>');
    expect(message.html).toMatch(
      /<a href="https:\/\/shop\.example\.com\/account\/reviews" style="[^"]+">Write a review<\/a>/,
    );
    expect(message.html).toContain('<a href="https://shop.example.com/account">Your account</a>');
    expect(message.sms).toBeUndefined();
  });

  it('asks a customer in German', () => {
    const message = renderNotification('review_request', models.review_request, 'de-AT');

    expect(message.subject).toBe('Wie gefällt Ihnen Ihre Bestellung 1042?');
    expect(message.text).toContain('wir hoffen, Sie haben Freude an Ihrer Bestellung 1042.');
    expect(message.text).toContain('- Mug\n- Tea');
    expect(message.text).toContain('Bewertung schreiben: https://shop.example.com/account/reviews');
    expect(message.text).toContain(
      'Entfernen Sie in Ihrem Kundenkonto den Haken bei „Email me review requests“.',
    );
    expect(message.text).toContain('Ihr Kundenkonto: https://shop.example.com/account');
    expect(message.html).toContain('<html lang="de">');
    expect(message.sms).toBeUndefined();
  });

  it.each([
    ['en', 'Write a review', 'on your review page', 'Your review page'],
    ['de', 'Bewertung schreiben', 'auf Ihrer Bewertungsseite', 'Ihre Bewertungsseite'],
  ])('sends a guest in %s to their signed review page, also to stop', (locale, button, where, label) => {
    const message = renderNotification('review_request', guest, locale);

    expect(message.text).toContain(`${button}: https://shop.example.com/review/tok-1`);
    expect(message.text).toContain(where);
    expect(message.text).toContain(`${label}: https://shop.example.com/review/tok-1`);
    expect(message.text).not.toContain('/account');
  });

  it('escapes product titles', () => {
    const message = renderNotification(
      'review_request',
      { ...models.review_request, products: ['<b>Mug</b> & "Tea"'] },
      'en',
    );

    expect(message.html).toContain('<li>&lt;b&gt;Mug&lt;/b&gt; &amp; &quot;Tea&quot;</li>');
  });

  it.each([
    ['en', 'Review your purchase'],
    ['de', 'Ihren Einkauf bewerten'],
  ])('links the delivery email in %s to where the buyer reviews', (locale, label) => {
    const message = renderNotification('shipment_delivered', models.shipment_delivered, locale);

    expect(message.text).toContain(`${label}: https://shop.example.com/account/reviews`);
    expect(message.html).toContain(`<a href="https://shop.example.com/account/reviews">${label}</a>`);
  });
});

describe('hostile values', () => {
  const hostile = {
    ...models.order_created,
    shopName: 'Acme" onload="x',
    customerName: '<img src=x onerror=alert(1)>\r\nBcc: victim@example.com',
    orderNumber: '</title><script>alert(1)</script>',
    orderUrl: 'javascript:alert(document.cookie)',
    lines: [{ title: `Mug <b>"big"</b> & 'small'`, quantity: 1, total: eur(100) }],
  };

  it.each(['en', 'de'])('escapes every value in the HTML of %s and drops the unsafe link', (locale) => {
    const message = renderNotification('order_created', hostile, locale);

    expect(message.html).not.toContain('<img');
    expect(message.html).not.toContain('<script');
    expect(message.html).not.toContain('<b>');
    expect(message.html).not.toContain('javascript:');
    expect(message.html).not.toContain('" onload="');
    expect(message.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(message.html).toContain('Mug &lt;b&gt;&quot;big&quot;&lt;/b&gt; &amp; &#39;small&#39;');
    expect(message.html).toContain('<title>');
    expect(message.html.match(/<script|<title>/g)).toEqual(['<title>']);
  });

  it('keeps a value from adding lines to the subject, the SMS or the text', () => {
    const message = renderNotification('order_created', hostile, 'en');

    expect(message.subject).toBe('Order </title><script>alert(1)</script> received');
    expect(message.text.split('\n')[0]).toBe('Hello <img src=x onerror=alert(1)> Bcc: victim@example.com,');
    expect(message.text).not.toContain('javascript:');
    expect(message.sms).not.toMatch(/[\r\n]/);
  });
});

describe('resolveLocale', () => {
  it('uses the language catalog and keeps the regional tag for formatting', () => {
    expect(resolveLocale('de-AT')).toEqual({ language: 'de', formatLocale: 'de-AT' });
    expect(resolveLocale('de_ch')).toEqual({ language: 'de', formatLocale: 'de-CH' });
    expect(resolveLocale('EN-gb')).toEqual({ language: 'en', formatLocale: 'en-GB' });
  });

  it('falls back to English, formatted as English, for missing, unknown and malformed locales', () => {
    for (const requested of [undefined, '', 'fr-FR', 'not a locale!']) {
      expect(resolveLocale(requested)).toEqual({ language: 'en', formatLocale: 'en' });
    }
    expect(renderNotification('order_paid', models.order_paid, 'fr').text).toContain(`€34.89`);
  });
});
