// What a locale's template catalog provides, and the blocks its templates are written in: each block is
// written once and yields both the plain-text and the HTML form, so the two bodies never drift apart.
import { markup, link, plain, safeUrl, type SafeHtml } from './escape.ts';
import type { Money } from './money-format.ts';
import type { EmailOnlyKind, NotificationKind, NotificationModels, OrderLineView } from './models.ts';

/** Formatting in the reader's locale. */
export interface Formatting {
  money(value: Money): string;
}

/** One template's output before the layout: the HTML is the body content only. */
export interface EmailDraft {
  readonly subject: string;
  readonly text: string;
  readonly html: SafeHtml;
}

/** The draft of a kind that also goes out by SMS. */
export interface Draft extends EmailDraft {
  readonly sms: string;
}

/** A kind's template. An email-only kind's draft has no SMS text (the compiler refuses one); any other's has. */
export type Template<K extends NotificationKind> = (
  model: NotificationModels[K],
  format: Formatting,
) => K extends EmailOnlyKind ? EmailDraft & { readonly sms?: never } : Draft;

export interface LineLabels {
  readonly item: string;
  readonly quantity: string;
  readonly total: string;
}

export interface Catalog {
  readonly templates: { readonly [K in NotificationKind]: Template<K> };
  /** Why the reader gets the email, under every message. */
  readonly footer: (shopName: string) => string;
}

/** A piece of a message body in both forms. */
export interface Block {
  readonly text: string;
  readonly html: SafeHtml;
}

/** A paragraph: the literal parts are the wording, every value is escaped (HTML) or kept to one line (text). */
export function para(strings: TemplateStringsArray, ...values: readonly (string | number)[]): Block {
  return { text: plain(strings, ...values), html: markup`<p>${markup(strings, ...values)}</p>` };
}

/** A link paragraph, or nothing when there is no safe (http/https) URL. */
export function linkBlock(url: string | undefined, label: string): Block | null {
  const href = safeUrl(url);
  if (href === undefined) return null;
  return { text: plain`${label}: ${href}`, html: markup`<p>${link(href, label)}</p>` };
}

/** The one call to action of a message: a link drawn as a button, or nothing without a safe URL. */
export function buttonBlock(url: string | undefined, label: string): Block | null {
  const href = safeUrl(url);
  if (href === undefined) return null;
  const style =
    'display:inline-block;padding:10px 20px;border-radius:4px;background:#222;color:#fff;text-decoration:none;font-weight:bold';
  return {
    text: plain`${label}: ${href}`,
    html: markup`<p style="margin:24px 0"><a href="${href}" style="${style}">${label}</a></p>`,
  };
}

/** A bulleted list of single-line items (titles). */
export function listBlock(items: readonly string[]): Block {
  return {
    text: items.map((item) => plain`- ${item}`).join('\n'),
    html: markup`<ul>${items.map((item) => markup`<li>${item}</li>`)}</ul>`,
  };
}

export interface SummaryRow {
  readonly label: string;
  readonly amount: Money;
  readonly strong?: boolean;
}

/** The order lines with their totals under them. */
export function linesBlock(
  lines: readonly OrderLineView[],
  summary: readonly SummaryRow[],
  labels: LineLabels,
  format: Formatting,
): Block {
  const text = [
    ...lines.map((line) => plain`- ${line.quantity} × ${line.title}: ${format.money(line.total)}`),
    ...summary.map((row) => plain`${row.label}: ${format.money(row.amount)}`),
  ].join('\n');

  const cell = 'padding:4px 8px;border-bottom:1px solid #eee;';
  const rows = lines.map(
    (line) =>
      markup`<tr>
        <td style="${cell}">${line.title}</td>
        <td style="${cell}text-align:right">${line.quantity}</td>
        <td style="${cell}text-align:right">${format.money(line.total)}</td>
      </tr>`,
  );
  const totals = summary.map((row) => {
    const label = row.strong === true ? markup`<strong>${row.label}</strong>` : markup`${row.label}`;
    const amount = format.money(row.amount);
    const value = row.strong === true ? markup`<strong>${amount}</strong>` : markup`${amount}`;
    return markup`<tr>
      <td colspan="2" style="padding:4px 8px">${label}</td>
      <td style="padding:4px 8px;text-align:right">${value}</td>
    </tr>`;
  });
  return {
    text,
    html: markup`<table role="presentation" style="border-collapse:collapse;width:100%">
      <thead>
        <tr>
          <th style="${cell}text-align:left">${labels.item}</th>
          <th style="${cell}text-align:right">${labels.quantity}</th>
          <th style="${cell}text-align:right">${labels.total}</th>
        </tr>
      </thead>
      <tbody>
        ${rows}${totals}
      </tbody>
    </table>`,
  };
}

interface DraftParts {
  readonly subject: string;
  readonly blocks: readonly (Block | null)[];
}

/**
 * Assembles a draft, with its SMS text unless the kind is email-only; the subject and SMS are single lines
 * whatever the values held.
 */
export function draft(parts: DraftParts & { readonly sms: string }): Draft;
export function draft(parts: DraftParts): EmailDraft;
export function draft(parts: DraftParts & { readonly sms?: string }): EmailDraft | Draft {
  const blocks = parts.blocks.filter((block): block is Block => block !== null);
  return {
    subject: parts.subject,
    text: blocks.map((block) => block.text).join('\n\n'),
    html: markup`${blocks.map((block) => block.html)}`,
    ...(parts.sms === undefined ? {} : { sms: parts.sms }),
  };
}
