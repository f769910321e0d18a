import { describe, expect, it } from 'vitest';
import {
  commandData,
  commandProperty,
  commandSafeStream,
  logText,
  mapStrings,
  markdownCode,
  markdownText,
  terminalText,
  workflowCommand,
} from './escape.js';

describe('terminalText', () => {
  it('shows escape sequences, C1 and DEL as text', () => {
    expect(terminalText('a\u001b[2Jb\u001b]8;;https://x\u0007c\u009b1m\u007f')).toBe(
      'a\\u{1b}[2Jb\\u{1b}]8;;https://x\\u{7}c\\u{9b}1m\\u{7f}',
    );
  });

  it('shows bidi controls and marks as text', () => {
    expect(terminalText('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f')).toBe(
      '\\u{202a}\\u{202b}\\u{202c}\\u{202d}\\u{202e}\\u{2066}\\u{2067}\\u{2068}\\u{2069}\\u{200e}\\u{200f}',
    );
  });

  it('escapes newlines and tabs unless newlines are meant', () => {
    expect(terminalText('a\nb\tc\r')).toBe('a\\u{a}b\\u{9}c\\u{d}');
    expect(terminalText('a\nb\r', { newlines: true })).toBe('a\nb\\u{d}');
  });

  it('leaves other text alone', () => {
    expect(terminalText('kv-app.privatelink.vaultcore.azure.net ✓ é 名前')).toBe(
      'kv-app.privatelink.vaultcore.azure.net ✓ é 名前',
    );
  });
});

describe('mapStrings', () => {
  it('maps strings and keys in plain data, nothing else', () => {
    const date = new Date(0);
    expect(
      mapStrings({ 'k\u001b': ['v\u001b', 1, null, { x: 'y\u001b' }], date }, (t) => t.replace('\u001b', '!')),
    ).toEqual({
      'k!': ['v!', 1, null, { x: 'y!' }],
      date,
    });
  });
});

describe('markdownText', () => {
  it('turns HTML into entities and escapes link, image and emphasis syntax', () => {
    expect(markdownText('<img src=x onerror=alert(1)> & [a](b) ![i](j) *b* _e_ `c` ~~s~~ | \\')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; &amp; \\[a\\](b) !\\[i\\](j) \\*b\\* \\_e\\_ \\`c\\` \\~\\~s\\~\\~ \\| \\\\',
    );
  });

  it('breaks mentions, autolinks and javascript: URLs', () => {
    const text = markdownText('@octocat @org/team a@b.com https://evil.example www.evil.example javascript:x');
    expect(text).not.toMatch(/@[a-z]/);
    expect(text).not.toMatch(/https:\/\//);
    expect(text).not.toMatch(/www\./);
    expect(text).not.toMatch(/javascript:/);
    expect(text.replace(/\u200d/g, '').replace(/&#58;/g, ':')).toBe(
      '@octocat @org/team a@b.com https://evil.example www.evil.example javascript:x',
    );
  });

  it('keeps the text on its line, or breaks it with <br> in a cell', () => {
    expect(markdownText('a\nb\r\nc')).toBe('a b c');
    expect(markdownText('a\nb', { breaks: true })).toBe('a<br>b');
    expect(markdownText('a\u001b[1m\u202eb')).toBe('a\\[1mb');
  });
});

describe('markdownCode', () => {
  it('fences longer than any backtick run and keeps cells whole', () => {
    expect(markdownCode('plain')).toBe('`plain`');
    expect(markdownCode('a`b``c')).toBe('``` a`b``c ```');
    expect(markdownCode('a|b\nc')).toBe('`a\\|b c`');
    expect(markdownCode('@octocat')).toBe('`@\u200doctocat`');
  });
});

describe('workflow commands', () => {
  it('escapes data and properties as the runner unescapes them', () => {
    expect(commandData('50%\r\n::x')).toBe('50%25%0D%0A::x');
    expect(commandProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    expect(workflowCommand('error', { title: 't::x,y' }, 'line\n::stop-commands::z')).toBe(
      '::error title=t%3A%3Ax%2Cy::line%0A::stop-commands::z',
    );
    expect(workflowCommand('notice', { title: undefined }, 'm')).toBe('::notice::m');
  });

  it('keeps log lines from starting a command', () => {
    expect(logText('ok\n::error::x\n  ::stop-commands::t\r##[error]y\nnot ::this')).toBe(
      'ok\n\\u{3a}:error::x\n  \\u{3a}:stop-commands::t\r\\u{23}#[error]y\nnot ::this',
    );
  });

  it('keeps a stream from starting a command even when a line comes in pieces', () => {
    let written = '';
    const stream = commandSafeStream({
      write: (text: string) => {
        written += text;
        return true;
      },
    });
    for (const piece of ['a\n', ':', ':err', 'or::x\n', '  ', '#', '#[group]g\n', ':a:b\n', '#1\n'])
      stream.write(piece);
    expect(written).toBe('a\n\\u{3a}:error::x\n  \\u{23}#[group]g\n:a:b\n#1\n');
  });
});
