/** One month of a trajectory: what was planned and what happened, either missing. */
export interface ChartMonth {
  month: string;
  planned: number | null;
  actual: number | null;
}

const WIDTH = 640;
const HEIGHT = 260;
const MARGIN = { top: 20, right: 20, bottom: 48, left: 56 };
const GRID_LINES = 4;
const PLAN_COLOUR = '#005eb8';
const ACTUAL_COLOUR = '#007f3b';

/** Two decimals at most, so the same figures always draw the same bytes. */
const coordinate = (value: number): string => String(Math.round(value * 100) / 100);

/**
 * Plan against actual as an inline SVG line chart. A percentage basis is drawn on 0 to 100 so that
 * charts of different programmes can be compared at a glance; other bases scale to their largest value.
 */
export function renderTrajectoryChart(title: string, months: readonly ChartMonth[], percentBasis: boolean): string {
  const values = months.flatMap((month) => [month.planned, month.actual]).filter((value): value is number => value !== null);
  const top = percentBasis ? 100 : niceCeiling(Math.max(1, ...values));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (index: number) => MARGIN.left + (months.length === 1 ? plotWidth / 2 : (index * plotWidth) / (months.length - 1));
  const y = (value: number) => MARGIN.top + plotHeight - (Math.min(value, top) / top) * plotHeight;

  const grid = Array.from({ length: GRID_LINES + 1 }, (_, step) => {
    const value = (top * step) / GRID_LINES;
    return `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${coordinate(y(value))}" y2="${coordinate(y(value))}" stroke="#d8dde0"/><text x="${MARGIN.left - 8}" y="${coordinate(y(value) + 4)}" text-anchor="end" font-size="12">${coordinate(value)}</text>`;
  });
  const labels = months.map(
    (month, index) => `<text x="${coordinate(x(index))}" y="${HEIGHT - MARGIN.bottom + 18}" text-anchor="middle" font-size="11">${month.month.slice(2)}</text>`,
  );
  const series = (pick: (month: ChartMonth) => number | null, colour: string, dashed: boolean) => {
    const points = months.flatMap((month, index) => {
      const value = pick(month);
      return value === null ? [] : [`${coordinate(x(index))},${coordinate(y(value))}`];
    });
    if (points.length === 0) return '';
    const dots = points.map((point) => `<circle cx="${point.split(',')[0]}" cy="${point.split(',')[1]}" r="3" fill="${colour}"/>`).join('');
    return `<polyline points="${points.join(' ')}" fill="none" stroke="${colour}" stroke-width="2"${dashed ? ' stroke-dasharray="6 4"' : ''}/>${dots}`;
  };
  const legendY = HEIGHT - 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="${escapeXml(title)}: plan against actual" font-family="Arial, sans-serif">`,
    `<title>${escapeXml(title)}: plan against actual</title>`,
    ...grid,
    ...labels,
    series((month) => month.planned, PLAN_COLOUR, true),
    series((month) => month.actual, ACTUAL_COLOUR, false),
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + 24}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${PLAN_COLOUR}" stroke-width="2" stroke-dasharray="6 4"/><text x="${MARGIN.left + 30}" y="${legendY}" font-size="12">Plan</text>`,
    `<line x1="${MARGIN.left + 90}" x2="${MARGIN.left + 114}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${ACTUAL_COLOUR}" stroke-width="2"/><text x="${MARGIN.left + 120}" y="${legendY}" font-size="12">Actual</text>`,
    `</svg>`,
  ].join('');
}

/** The next 1, 2 or 5 times a power of ten at or above the value, so gridlines fall on round numbers. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value) ?? 10 * power;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
