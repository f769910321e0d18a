// Neutralising text that comes from data (resource names, ids, reasons, property values) before it
// reaches one of three places that would otherwise act on it: a terminal (escape sequences, bidi
// reordering), Markdown rendered on GitHub (HTML, links, emphasis, @mentions) and the GitHub Actions
// job log (workflow commands). Each target has one function here; every renderer uses these.

// ---------------------------------------------------------------------------------------------
// Terminal

/**
 * C0 controls but newline, DEL, C1 controls, the bidi embeddings, overrides and isolates, the
 * directional marks, and the line and paragraph separators.
 */
/* eslint-disable no-control-regex -- these patterns exist to find control characters */
const terminalUnsafe =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const terminalUnsafeOrNewline = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const visible = (char: string) => `\\u{${char.codePointAt(0)!.toString(16)}}`;

/**
 * Text for a terminal: control characters and bidi controls become visible `\u{1b}`-style text,
 * so data can neither move the cursor, clear the screen, open a hyperlink nor reorder a line.
 * Newlines are escaped too unless `newlines` keeps them (for text where a line break is meant).
 */
export function terminalText(text: string, options: { readonly newlines?: boolean } = {}): string {
  return text.replace(options.newlines ? terminalUnsafe : terminalUnsafeOrNewline, visible);
}

/**
 * A copy of plain data (JSON-shaped: objects, arrays, strings, numbers) with every string and
 * every object key passed through `escape`. Renderers map their input once, then format it.
 */
export function mapStrings<T>(value: T, escape: (text: string) => string): T {
  return mapValue(value, escape) as T;
}

function mapValue(value: unknown, escape: (text: string) => string): unknown {
  if (typeof value === 'string') return escape(value);
  if (Array.isArray(value)) return value.map((item) => mapValue(item, escape));
  if (value !== null && typeof value === 'object') {
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) return value;
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [escape(key), mapValue(inner, escape)]));
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Markdown (GitHub flavoured, as rendered in job summaries, pull requests and issues)

const zeroWidthJoiner = '\u200d';

/** Controls and bidi characters, dropped from Markdown (they render as nothing or reorder text). */
const markdownUnsafe = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/* eslint-enable no-control-regex */

/** Breaks what GitHub turns into links or notifications even in otherwise plain text. */
function breakAutolinks(text: string): string {
  return (
    text
      // @user and @org/team mentions (and e-mail autolinks): GitHub links a mention in text,
      // not in code, but a joiner after `@` keeps both from ever matching.
      .replace(/@/g, `@${zeroWidthJoiner}`)
      // http://, https://, ftp:// and www. autolinks.
      .replace(/:\/\//g, `:${zeroWidthJoiner}//`)
      .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}${zeroWidthJoiner}.`)
      // A `javascript:` (or `data:`, `vbscript:`) URL never appears in the source at all.
      .replace(/\b(javascript|vbscript|data):/gi, '$1&#58;')
  );
}

/**
 * Plain data in Markdown text or a table cell: HTML-significant characters as entities, Markdown
 * punctuation (emphasis, links, images, code, tables, headings) backslash-escaped, autolinks and
 * @mentions broken, and newlines flattened to a space (or `<br>` when `breaks` asks for them).
 */
export function markdownText(text: string, options: { readonly breaks?: boolean } = {}): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (char) => `\\${char}`);
  return breakAutolinks(escaped)
    .replace(/\r\n?|\n/g, options.breaks ? '<br>' : ' ')
    .replace(markdownUnsafe, '');
}

/**
 * Data as a code span that survives a table cell: `|` escaped, newlines flattened, a fence longer
 * than any backtick run inside, and @mentions broken (GitHub leaves code alone, other renderers
 * may not).
 */
export function markdownCode(text: string): string {
  const flat = text
    .replace(/\r\n?|\n/g, ' ')
    .replace(markdownUnsafe, '')
    .replace(/\|/g, '\\|')
    .replace(/@/g, `@${zeroWidthJoiner}`);
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  if (longestRun === 0 && flat !== '') return `\`${flat}\``;
  const fence = '`'.repeat(longestRun + 1);
  return `${fence} ${flat} ${fence}`;
}

// ---------------------------------------------------------------------------------------------
// GitHub Actions workflow commands and the job log

/** The data of a workflow command (`::error::DATA`), escaped as the runner unescapes it. */
export function commandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property of a workflow command (`::error title=PROPERTY::`): data escaping plus `:` and `,`. */
export function commandProperty(text: string): string {
  return commandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One workflow command line, everything from data escaped. */
export function workflowCommand(
  command: string,
  properties: Readonly<Record<string, string | undefined>>,
  data: string,
): string {
  const props = Object.entries(properties)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([key, value]) => `${key}=${commandProperty(value)}`)
    .join(',');
  return `::${command}${props ? ` ${props}` : ''}::${commandData(data)}`;
}

/**
 * A line the runner would read as a command: `::name...` (the current form) or `##[name...` (the
 * old one), after any leading whitespace.
 */
const commandLine = /^(\s*)(::|##\[)/;

/** Log text whose lines can never be read as workflow commands: a leading `::` or `##[` is escaped. */
export function logText(text: string): string {
  return text
    .split(/(\r\n|\r|\n)/)
    .map((part) =>
      part.replace(
        commandLine,
        (_match, space: string, marker: string) =>
          `${space}\\u{${marker.codePointAt(0)!.toString(16)}}${marker.slice(1)}`,
      ),
    )
    .join('');
}

/**
 * Wraps a stream so nothing written through it starts a workflow-command line, even when a line
 * arrives in several writes: each line's start is checked as it comes.
 */
export function commandSafeStream<
  S extends { write(text: string, callback?: (error?: Error | null) => void): unknown },
>(stream: S): S {
  let atLineStart = true;
  let pending = '';
  const write = (text: string, callback?: (error?: Error | null) => void): unknown => {
    let out = '';
    for (const char of text) {
      if (atLineStart || pending !== '') {
        // Hold back leading whitespace and a possible marker until the line shows what it is.
        pending += char;
        if (/^\s*$/.test(pending) && char !== '\n' && char !== '\r') continue;
        if (/^\s*(:|#|##)$/.test(pending)) continue;
        out += logText(pending);
        atLineStart = char === '\n' || char === '\r';
        pending = '';
        continue;
      }
      out += char;
      if (char === '\n' || char === '\r') atLineStart = true;
    }
    return stream.write(out, callback);
  };
  return new Proxy(stream, {
    get(target, property, receiver) {
      if (property === 'write') return write;
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
