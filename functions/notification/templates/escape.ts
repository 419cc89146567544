// Escaping for the two kinds of text a notification holds: HTML (every interpolated value escaped by the
// `markup` tag unless it is already SafeHtml) and single lines (subjects, SMS, text bodies), where a value
// cannot break out of its line.

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

const safeHtmlBrand: unique symbol = Symbol('SafeHtml');

/** Markup that is already escaped; only `markup` and `rawHtml` make one. */
export interface SafeHtml {
  readonly [safeHtmlBrand]: true;
  readonly html: string;
}

function safe(source: string): SafeHtml {
  return { [safeHtmlBrand]: true, html: source };
}

function isSafeHtml(value: unknown): value is SafeHtml {
  return typeof value === 'object' && value !== null && safeHtmlBrand in value;
}

/** Trusted markup written in a template, never data. */
export function rawHtml(source: string): SafeHtml {
  return safe(source);
}

export type HtmlValue = string | number | SafeHtml | readonly SafeHtml[];

/** Markup for one interpolated value: SafeHtml as is, a list part by part, anything else escaped as text. */
function toHtml(value: unknown): string {
  if (isSafeHtml(value)) return value.html;
  if (Array.isArray(value)) return value.map(toHtml).join('');
  return escapeHtml(String(value));
}

/**
 * A template literal tag: the literal parts are markup, every interpolated value is escaped. Named `markup`
 * rather than `html` on purpose: prettier reformats the contents of `html` tagged templates, which would
 * change what the templates render.
 */
export function markup(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += toHtml(value) + strings[i + 1]!;
  });
  return safe(out);
}

/** The URL when it is an absolute http(s) URL, else undefined: a `javascript:` link survives escaping. */
export function safeUrl(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** A link when the URL is safe, else the label alone. */
export function link(url: string | undefined, label: HtmlValue): SafeHtml {
  const href = safeUrl(url);
  return href === undefined ? markup`${label}` : markup`<a href="${href}">${label}</a>`;
}

// C0 and C1 controls, DEL, and the Unicode line and paragraph separators: matching them is the point.
// eslint-disable-next-line no-control-regex
const LINE_BREAKERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** The value on one line: runs of control characters become one space. */
export function singleLine(value: string): string {
  return value.replace(LINE_BREAKERS, ' ');
}

/** A template literal tag for plain text: interpolated values are kept to one line each. */
export function plain(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += singleLine(String(value)) + strings[i + 1]!;
  });
  return out;
}
