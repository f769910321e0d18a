// FQDN matching as Azure Firewall application rules do it: the rule's target is compared with the
// name the client sends (TLS SNI or HTTP Host), as a string, never through DNS. An asterisk works
// only as the left-most character and stands for anything at all, dots included:
//   `*.vault.azure.net` matches `kv.vault.azure.net` and `a.b.vault.azure.net`, not `vault.azure.net`;
//   `*contoso.com` matches `contoso.com` and `x.anycontoso.com`; `*` matches every name.
// https://learn.microsoft.com/azure/firewall/firewall-faq (wildcard table)
// Case-insensitive matching is UNCONFIRMED in the Azure documentation; DNS names are
// case-insensitive, so plaudit compares lower-cased names.

export type FqdnPattern =
  | { readonly kind: 'any' }
  | { readonly kind: 'exact'; readonly name: string }
  /** `*suffix`: every name ending with the suffix (the suffix keeps its leading dot, if any). */
  | { readonly kind: 'suffix'; readonly suffix: string }
  /** Asterisks elsewhere (`www.contoso.*`): Azure rejects them; they match nothing. */
  | { readonly kind: 'unsupported'; readonly text: string };

export function normalizeFqdn(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

export function compileFqdnPattern(pattern: string): FqdnPattern {
  const text = normalizeFqdn(pattern);
  if (text === '*') return { kind: 'any' };
  if (text.startsWith('*')) {
    const suffix = text.slice(1);
    return suffix.length === 0 || suffix.includes('*') ? { kind: 'unsupported', text } : { kind: 'suffix', suffix };
  }
  return text.includes('*') || text.length === 0 ? { kind: 'unsupported', text } : { kind: 'exact', name: text };
}

/** Whether a compiled pattern matches a name already passed through `normalizeFqdn`. */
export function fqdnPatternMatches(pattern: FqdnPattern, name: string): boolean {
  switch (pattern.kind) {
    case 'any':
      return true;
    case 'exact':
      return name === pattern.name;
    case 'suffix':
      // `*.vault.azure.net` needs at least one character before the dot; `*contoso.com` may match
      // `contoso.com` itself.
      return pattern.suffix.startsWith('.')
        ? name.length > pattern.suffix.length && name.endsWith(pattern.suffix)
        : name.endsWith(pattern.suffix);
    case 'unsupported':
      return false;
  }
}

/** Application-rule semantics for one pattern and one name, both as written. */
export function fqdnMatches(pattern: string, name: string): boolean {
  return fqdnPatternMatches(compileFqdnPattern(pattern), normalizeFqdn(name));
}
