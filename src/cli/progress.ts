// The progress line of a live read. A read has three phases, always in this order; the line names
// the phase out of three and counts what this phase has read so far. Within a phase the amount of
// work is found as it goes (the endpoints a page lists each have zone groups to read, dependencies
// lead to more dependencies), so no "done/total" is shown whose total would keep growing.
import type { CollectProgress } from '../azure/index.js';

interface Phase {
  readonly label: string;
  readonly owns: (activity: string) => boolean;
}

const phases: readonly Phase[] = [
  { label: 'resolving the scope', owns: (activity) => activity === 'resolving the scope' },
  {
    label: 'reading the scope',
    owns: (activity) => activity.startsWith('Resource Graph: ') || activity.startsWith('ARM: '),
  },
  {
    label: 'reading what the scope depends on',
    owns: (activity) => activity.startsWith('looking for ') || / outside the scope$/.test(activity),
  },
];

// Redraw at most this often, except on a phase change or a throttling wait.
const REDRAW_MS = 100;

export class CollectProgressLine {
  private readonly show: (text: string) => void;
  private readonly now: () => number;
  private phase = 0;
  private base = { resources: 0, pages: 0 };
  private started = 0;
  private begun = false;
  private drawn = -Infinity;

  constructor(show: (text: string) => void, now: () => number = Date.now) {
    this.show = show;
    this.now = now;
  }

  update(progress: CollectProgress): void {
    if (progress.activity === 'done') return;
    const now = this.now();
    const index = phases.findIndex((phase) => phase.owns(progress.activity));
    // Phases only move forward: a late page of an earlier phase stays in the current one.
    const entered = index > this.phase || !this.begun;
    if (entered) {
      this.phase = Math.max(index, this.phase, 0);
      this.base = { resources: progress.resources, pages: progress.pages };
      this.started = now;
      this.begun = true;
    }
    if (!entered && !progress.throttle && now - this.drawn < REDRAW_MS) return;
    this.drawn = now;
    this.show(this.render(progress, now));
  }

  private render(progress: CollectProgress, now: number): string {
    const phase = phases[this.phase]!;
    const parts = [`[${this.phase + 1}/${phases.length}] ${phase.label}`];
    const activity = describeActivity(progress.activity);
    if (activity && activity !== phase.label) parts.push(activity);
    parts.push(
      `${count(progress.resources - this.base.resources, 'resource')}, ${count(progress.pages - this.base.pages, 'page')}`,
      seconds(now - this.started),
    );
    if (progress.throttle) {
      parts.push(`throttled: waiting ${seconds(progress.throttle.waitMs)} (${progress.throttle.reason})`);
    }
    return parts.join(' · ');
  }
}

/** The activity without the running counts some carry ("zone groups 120/900", "reading 12 ..."). */
function describeActivity(activity: string): string {
  return activity
    .replace(/^ARM: private DNS zone groups (\d+)\/\d+$/, 'ARM: private DNS zone groups ($1 endpoints done)')
    .replace(/^reading \d+ resources outside the scope$/, 'ARM: resources outside the scope, by id');
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
