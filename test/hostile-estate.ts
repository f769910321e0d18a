// An estate whose names carry every attack on the places plaudit prints to (shared by the tests of
// each output: terminal, Markdown, SARIF, the Action log, HTML in a browser).
import { ids, referenceEstate } from './estates.js';

const esc = '\u001b';
/** One name per attack, each kept short enough to stay a plausible (if hostile) resource name. */
export const attacks = {
  ansi: `${esc}[31mred${esc}[0m`,
  osc8: `${esc}]8;;https:evil.example${esc}\\click${esc}]8;;${esc}\\`,
  clear: `${esc}[2J${esc}[H`,
  bidi: 'rt\u202Egnp.exe\u2066x\u2069\u200F',
  c1: '\u009b31m\u007f',
  command: 'x\n::error title=pwned::injected\n::stop-commands::tok\n##[error]old',
  html: '<img src=x onerror=alert(1)><details open><summary>y',
  link: '[click](javascript:alert(1)) ![i](javascript:x) *bold* _em_ `tick`',
  mention: '@octocat @github',
  // Not in names (ids split on `/`): in messages and reasons.
  url: 'https://evil.example/i.png www.evil.example @github/security',
  // No `/`: a name is one segment of an id.
  script: `<script>alert(1)<\\script>"'><svg onload=alert(2)>\`\`\`%%{init: {"theme":"dark"}}%%`,
} as const;

/** A name of 100,000 characters: reports stay readable and of a sensible size. */
export const longName = `long-${'x'.repeat(100_000)}`;

export const hostile = Object.values(attacks).join(' ');

/** The reference estate with findings, its names replaced by hostile ones (ids and references alike). */
/** With `long`, the endpoint VNet's name also carries a script tag and 100,000 characters. */
export function hostileEstate(options: { long?: boolean } = {}) {
  const rename: [string, string][] = [
    ['/routeTables/rt-app', `/routeTables/rt-app ${attacks.command} ${attacks.bidi} ${attacks.mention}`],
    [
      '/privateEndpoints/pe-kv-pep-spokepep',
      `/privateEndpoints/pe-kv ${attacks.ansi} ${attacks.osc8} ${attacks.clear} ${attacks.html}`,
    ],
    ['/vaults/kv-pep-spokepep', `/vaults/kv ${attacks.c1} ${attacks.command} ${attacks.link}`],
    ...(options.long
      ? ([['/virtualNetworks/vnet-pep', `/virtualNetworks/vnet-pep ${attacks.script} ${longName}`]] as [
          string,
          string,
        ][])
      : []),
  ];
  const estate = referenceEstate()
    // Findings on the endpoint, the vault's DNS and the app's route.
    .setConnectionStatus(ids.vaultEndpoint, 'Pending')
    .set(ids.appLink, 'registrationEnabled', true)
    .set(ids.appToPepRoute, 'nextHopIpAddress', '10.0.9.9')
    // A resource named `..`: its SARIF URI must not climb out of azure/.
    .copy(ids.vaultEndpoint, `${ids.rgPep}/providers/Microsoft.Network/privateEndpoints/..`)
    .withIdsInCase((id) => rename.reduce((text, [from, to]) => text.split(from).join(to), id));
  for (const resource of estate.resources) resource.name = resource.id.split('/').pop() ?? resource.name;
  return estate;
}
