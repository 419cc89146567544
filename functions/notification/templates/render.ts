// Renders a notification in the reader's locale: picks the catalog (English when the locale has none),
// formats money for the locale, and wraps the HTML body in the email layout.
import type { Catalog, EmailDraft, Formatting } from './catalog.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { markup, singleLine } from './escape.ts';
import type { NotificationKind, NotificationModels } from './models.ts';
import { formatMoney } from './money-format.ts';

export const TEMPLATE_LOCALES = ['en', 'de'] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];
export const FALLBACK_LOCALE: TemplateLocale = 'en';

const catalogs: Readonly<Record<TemplateLocale, Catalog>> = { en, de };

export interface ResolvedLocale {
  /** The catalog the message is written from. */
  readonly language: TemplateLocale;
  /**
   * The BCP 47 tag numbers and money are formatted with: the reader's own tag when its language is the
   * catalog's ('de-CH' keeps Swiss formatting), else the catalog's language, so that an English fallback
   * does not carry French separators.
   */
  readonly formatLocale: string;
}

export function resolveLocale(requested: string | undefined): ResolvedLocale {
  const fallback = { language: FALLBACK_LOCALE, formatLocale: FALLBACK_LOCALE };
  if (requested === undefined || requested.trim() === '') return fallback;
  let tag: string | undefined;
  try {
    tag = Intl.getCanonicalLocales(requested.trim().replace(/_/g, '-'))[0];
  } catch {
    return fallback;
  }
  if (tag === undefined) return fallback;
  const language = tag.split('-')[0]!.toLowerCase();
  const supported = TEMPLATE_LOCALES.find((locale) => locale === language);
  return supported === undefined ? fallback : { language: supported, formatLocale: tag };
}

export interface RenderedNotification {
  readonly kind: NotificationKind;
  readonly locale: TemplateLocale;
  readonly subject: string;
  readonly text: string;
  /** A complete HTML document. */
  readonly html: string;
  /** One line; absent for an email-only kind (EMAIL_ONLY_KINDS), which never goes out by SMS. */
  readonly sms?: string;
}

export function renderNotification<K extends NotificationKind>(
  kind: K,
  model: NotificationModels[K],
  locale?: string,
): RenderedNotification {
  const { language, formatLocale } = resolveLocale(locale);
  const catalog = catalogs[language];
  const format: Formatting = { money: (value) => formatMoney(value, formatLocale) };
  const template = catalog.templates[kind];
  const draft: EmailDraft & { readonly sms?: string } = template(model, format);
  const footer = catalog.footer(model.shopName);
  const subject = singleLine(draft.subject);
  const document = markup`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${subject}</title>
</head>
<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#222">
${draft.html}
<p style="margin-top:32px;font-size:12px;color:#777">${footer}</p>
</body>
</html>
`;
  return {
    kind,
    locale: language,
    subject,
    text: `${draft.text}\n\n-- \n${footer}\n`,
    html: document.html,
    ...(draft.sms === undefined ? {} : { sms: singleLine(draft.sms) }),
  };
}
