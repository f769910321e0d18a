// A trace as a self-contained HTML page: the path drawn as boxes (green, red, amber or grey, each
// with the resource behind it), then every step with its detail, resources and, where it breaks,
// the fix, and the assumptions made.
import { nameFromId } from '../ids.js';
import { clip, html, htmlPage } from '../text/html.js';
import { destinationText } from './mermaid.js';
import { brokenStepsText } from './render.js';
import type { StepVerdict } from './steps/step.js';
import type { Trace } from './trace.js';

const marks: Record<StepVerdict, string> = {
  ok: 'ok',
  warning: 'warning',
  broken: 'BROKEN',
  unknown: 'unknown',
  skipped: 'skipped',
};

const boxWidth = 620;
const boxHeight = 50;
const gap = 22;

function pathSvg(trace: Trace): string {
  const boxes = [
    { title: trace.source.description, sub: `source · ${trace.source.address}`, verdict: 'end' },
    ...trace.steps.map((step, index) => ({
      title: `${index + 1}. ${step.title}`,
      sub: `${marks[step.verdict]}${step.resources.length > 0 ? ` · ${step.resources.map((id) => nameFromId(id)).join(', ')}` : ''}`,
      verdict: step.verdict,
    })),
    { title: destinationText(trace), sub: 'destination', verdict: 'end' },
  ];
  const width = boxWidth + 40;
  const height = boxes.length * (boxHeight + gap) - gap + 40;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="path-title">`,
    '<title id="path-title">The path, step by step</title>',
  ];
  boxes.forEach((box, index) => {
    const top = 20 + index * (boxHeight + gap);
    if (index > 0) {
      const x = 20 + boxWidth / 2;
      parts.push(
        `<path class="arrow" d="M${x},${top - gap} L${x},${top - 3} M${x - 5},${top - 9} L${x},${top - 3} L${x + 5},${top - 9}"/>`,
      );
    }
    const step = index > 0 && index <= trace.steps.length ? index : undefined;
    const open =
      step !== undefined
        ? `<a href="#step-${step}" class="tstep ${box.verdict}" data-el="step-${step}">`
        : '<g class="tstep end">';
    parts.push(
      `${open}<title>${html(clip(`${box.title}: ${box.sub}`, 600))}</title>` +
        `<rect x="20" y="${top}" width="${boxWidth}" height="${boxHeight}" rx="7"/>` +
        `<text x="34" y="${top + 21}">${html(clip(box.title, 80))}</text>` +
        `<text class="sub" x="34" y="${top + 39}">${html(clip(box.sub, 95))}</text>` +
        (step !== undefined ? '</a>' : '</g>'),
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export function renderTraceHtml(trace: Trace): string {
  const verdictClass = trace.verdict === 'works' ? 'ok' : trace.verdict === 'broken' ? 'error' : 'warning';
  const verdict =
    trace.verdict === 'works'
      ? 'The path works.'
      : trace.verdict === 'broken'
        ? `The path is broken at ${brokenStepsText(trace)}.`
        : 'The path could not be judged completely.';
  const steps = trace.steps.map((step, index) => {
    const resources = step.resources.map((id) => `<li class="id">${html(clip(id, 2000))}</li>`).join('');
    const fix = step.fix ? `<p class="fix">Fix: ${html(step.fix)}</p>` : '';
    return (
      `<li class="step ${step.verdict}" id="step-${index + 1}"><h3><span class="mark">${marks[step.verdict]}</span> ${index + 1}. ${html(step.title)}</h3>` +
      `<p>${html(step.detail)}</p>${resources ? `<ul>${resources}</ul>` : ''}${fix}</li>`
    );
  });
  return htmlPage({
    title: `plaudit trace: ${verdict}`,
    body: [
      '<header>',
      '<h1>plaudit trace</h1>',
      `<p><span class="verdict ${verdictClass}">${html(verdict)}</span></p>`,
      `<p>From <b>${html(trace.source.description)}</b> (<code>${html(trace.source.address)}</code>, subnet <code>${html(trace.source.subnetId)}</code>) to <b>${html(destinationText(trace))}</b>.</p>`,
      '</header>',
      '<main>',
      '<h2>Path</h2>',
      `<div class="figure" id="path">${pathSvg(trace)}</div>`,
      '<h2>Steps</h2>',
      `<ol class="steps">${steps.join('\n')}</ol>`,
      trace.assumptions.length > 0
        ? `<h2>Assumptions</h2><ul>${trace.assumptions.map((assumption) => `<li>${html(assumption)}</li>`).join('')}</ul>`
        : '',
      '</main>',
      '<footer>Written by plaudit. This page makes no network requests.</footer>',
    ],
  });
}
