// Text from an input file quoted in an error message (JSON's own parse errors quote the text
// around the fault; a key can hold anything): kept on one line, with line breaks and control
// characters escaped, so the message is one line and no escape sequence reaches the terminal.

export function printable(text: string): string {
  return Array.from(text, (char) => {
    const code = char.charCodeAt(0);
    const control = code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0x2028 || code === 0x2029;
    return control ? `\\u${code.toString(16).padStart(4, '0')}` : char;
  }).join('');
}
