// HTML and SVG from data, and the one page shell every HTML report uses. Every name, id, message
// and value from an estate goes through `html` (or `attr`) before it reaches the page: markup
// characters become entities, and control and bidi characters become visible `\u{202e}` text, so a
// name can neither open a tag, leave an attribute nor reorder what a reader sees. The page carries
// a Content Security Policy that allows nothing but its own inline style and script, each named by
// its SHA-256 hash: no network request, no other script, no form, no frame.
import { createHash } from 'node:crypto';
import { pageScript } from './html-script.js';
import { pageStyle } from './html-style.js';

const unsafe =
  // eslint-disable-next-line no-control-regex -- the pattern exists to find control characters
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML or SVG element or a quoted attribute value. */
export function html(text: string): string {
  return text
    .replace(/[&<>"']/g, (char) => entities[char]!)
    .replace(unsafe, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`);
}

/** A label that has to fit a box: at most `max` characters (by code point), with an ellipsis. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  // A code point is at most two UTF-16 units: look at no more of a long text than can be kept.
  const chars = Array.from(text.slice(0, max * 2 + 2));
  if (chars.length <= max && text.length <= max * 2 + 2) return text;
  return `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** A link target from the catalogue or the project: only https URLs are written as links. */
export function safeHref(url: string): string | undefined {
  return /^https:\/\/[^\s"'<>]+$/.test(url) ? html(url) : undefined;
}

export interface PageParts {
  /** The page title (plain text: escaped here). */
  readonly title: string;
  /** The body's markup, already escaped. */
  readonly body: string | readonly string[];
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The policy: the page's own style and script by hash, images only as data: URLs, nothing else. */
export const contentSecurityPolicy = [
  "default-src 'none'",
  `style-src ${sha256(pageStyle)}`,
  `script-src ${sha256(pageScript)}`,
  'img-src data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** One self-contained page: no external style, script, font or image. */
export function htmlPage(parts: PageParts): string {
  const body = typeof parts.body === 'string' ? parts.body : parts.body.join('\n');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${html(contentSecurityPolicy)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${html(clip(parts.title, 200))}</title>`,
    `<style>${pageStyle}</style>`,
    '</head>',
    '<body>',
    body,
    `<script>${pageScript}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
