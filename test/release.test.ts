// The release workflow cannot run here; this holds it to what a release needs: a version tag
// only, the same checks as CI, one tarball that is tested, published with provenance and attached
// to the GitHub release, and each job with no more permission than its steps need.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

type Node = Record<string, unknown>;
type Step = { name?: string; id?: string; uses?: string; run?: string; with?: Node; env?: Node; if?: string };
type Job = { needs?: string; permissions?: Node; outputs?: Node; steps: Step[] };

const workflow = parse(readFileSync(new URL('../.github/workflows/release.yml', import.meta.url), 'utf8')) as {
  on: Node;
  permissions: Node;
  jobs: Record<string, Job>;
};
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
  repository: { url: string };
};

const publish = workflow.jobs.publish!;
const release = workflow.jobs.release!;
const runs = (job: Job) => job.steps.map((step) => step.run ?? '');
const indexOf = (job: Job, pattern: RegExp) => job.steps.findIndex((step) => pattern.test(step.run ?? step.uses ?? ''));

describe('.github/workflows/release.yml', () => {
  it('runs on version tags and nothing else', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v*'] } });
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('publishes only a version whose tag matches package.json', () => {
    const check = publish.steps.find((step) => /package\.json/.test(step.run ?? ''))!;
    expect(check.env).toEqual({ TAG: '${{ github.ref_name }}' });
    expect(check.run).toContain('"$TAG" != "v$version"');
    expect(check.run).toContain('exit 1');
  });

  it('installs, lints and tests as CI does, then packs the tree it tested', () => {
    const order = [/^npm ci\b/, /^npm run lint$/, /^npm test$/, /npm pack --ignore-scripts/, /npm publish/];
    const positions = order.map((pattern) => indexOf(publish, pattern));
    expect(positions.every((position) => position >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(indexOf(publish, /^actions\/checkout@/)).toBe(0);
    expect(manifest.scripts.test).toMatch(/^npm run build && /);
    expect(manifest.scripts).not.toHaveProperty('prepare');
    expect(manifest.scripts.prepack).toBe('npm run build');
  });

  it('publishes that tarball to npm with provenance and public access', () => {
    const setup = publish.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))!;
    expect(setup.with).toMatchObject({ 'registry-url': 'https://registry.npmjs.org' });
    const step = publish.steps.find((each) => /npm publish/.test(each.run ?? ''))!;
    expect(step.run).toBe('npm publish "$RUNNER_TEMP/release/$TARBALL" --provenance --access public');
    expect(step.env).toEqual({
      NODE_AUTH_TOKEN: '${{ secrets.NPM_TOKEN }}',
      TARBALL: '${{ steps.pack.outputs.tarball }}',
    });
    expect(publish.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    // Provenance ties the package to this repository: package.json must name it.
    expect(manifest.repository.url).toBe('https://github.com/plaudit-dev/plaudit.git');
  });

  it('attaches the same tarball to the GitHub release, from a job that runs no project code', () => {
    const upload = publish.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with).toMatchObject({ name: 'release', path: '${{ runner.temp }}/release' });
    expect(publish.outputs).toEqual({ tarball: '${{ steps.pack.outputs.tarball }}' });

    expect(release.needs).toBe('publish');
    expect(release.permissions).toEqual({ contents: 'write' });
    expect(release.steps.some((step) => step.uses?.startsWith('actions/checkout@'))).toBe(false);
    expect(runs(release).join('\n')).not.toMatch(/\bnpm\b/);
    const download = release.steps.find((step) => step.uses?.startsWith('actions/download-artifact@'))!;
    expect(download.with).toMatchObject({ name: 'release', path: 'release' });
    const attach = release.steps.find((step) => /gh release upload/.test(step.run ?? ''))!;
    expect(attach.env).toMatchObject({
      GH_TOKEN: '${{ github.token }}',
      TAG: '${{ github.ref_name }}',
      TARBALL: '${{ needs.publish.outputs.tarball }}',
    });
    expect(attach.run).toContain('gh release create "$TAG"');
    expect(attach.run).toContain('--verify-tag');
    expect(attach.run).toContain('gh release upload "$TAG" "release/$TARBALL"');
  });

  it('takes the release notes from the changelog section of the version', () => {
    const pack = publish.steps.find((step) => step.id === 'pack')!;
    expect(pack.run).toContain('CHANGELOG.md > "$RUNNER_TEMP/release/notes.md"');
    expect(readFileSync(new URL('../CHANGELOG.md', import.meta.url), 'utf8')).toMatch(/^## \[Unreleased\]$/m);
  });
});
