import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  markup,
  link,
  plain,
  rawHtml,
  safeUrl,
  singleLine,
} from '../../../functions/notification/templates/escape.ts';

const unescape = (value: string) =>
  value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

// Text rich in markup characters and entities, mixed with any Unicode character.
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom('<', '>', '&', '"', "'", '&lt;', '&#39;', '</p>'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
});

describe('escapeHtml', () => {
  it('escapes the five characters that can open markup or leave an attribute', () => {
    expect(escapeHtml(`<img src=x onerror="alert('x')"> & co`)).toBe(
      '&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; co',
    );
  });

  it('does not double-escape what it escaped: escaping text twice shows the entity, as it should', () => {
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('never leaves a markup character in its output and loses nothing', () => {
    fc.assert(
      fc.property(hostile, (value) => {
        const escaped = escapeHtml(value);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(unescape(escaped)).toBe(value);
      }),
    );
  });
});

describe('the markup tag', () => {
  it('escapes every interpolated value but keeps markup the template wrote or built with the tag', () => {
    const name = '<script>alert(1)</script>';
    const bold = markup`<b>${name}</b>`;

    expect(markup`<p title="${name}">${bold} ${42}</p>`.html).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;"><b>&lt;script&gt;alert(1)&lt;/script&gt;</b> 42</p>',
    );
    expect(markup`<ul>${[markup`<li>${'a&b'}</li>`, rawHtml('<li>ok</li>')]}</ul>`.html).toBe(
      '<ul><li>a&amp;b</li><li>ok</li></ul>',
    );
  });

  it('treats an object that merely looks like SafeHtml as text', () => {
    const forged = { html: '<script>x</script>' } as unknown as string;

    expect(markup`${forged}`.html).toBe('[object Object]');
  });

  it('lets no interpolated string open a tag', () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => {
        expect(markup`${a}${b}`.html).not.toContain('<');
      }),
    );
  });
});

describe('links', () => {
  it('keeps http(s) URLs and drops javascript:, data: and relative ones', () => {
    expect(safeUrl('https://shop.example.com/orders/1?x=1&y=2')).toBe(
      'https://shop.example.com/orders/1?x=1&y=2',
    );
    expect(safeUrl('http://localhost:3000/o')).toBe('http://localhost:3000/o');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl(' JavaScript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,<script>x</script>')).toBeUndefined();
    expect(safeUrl('/orders/1')).toBeUndefined();
  });

  it('escapes the href and shows only the label when the URL is not safe', () => {
    expect(link('https://x.example/?a=1&b="2"', 'Track').html).toBe(
      '<a href="https://x.example/?a=1&amp;b=&quot;2&quot;">Track</a>',
    );
    expect(link('javascript:alert(1)', 'Track').html).toBe('Track');
  });
});

describe('plain text', () => {
  it('keeps every interpolated value on one line', () => {
    const name = 'Eve\r\nBcc: victim@example.com\u2028\u0000x';

    expect(singleLine(name)).toBe('Eve Bcc: victim@example.com x');
    expect(plain`Hello ${name},\nbye`).toBe('Hello Eve Bcc: victim@example.com x,\nbye');
  });
});
