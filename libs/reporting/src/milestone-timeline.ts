import { daysBetween } from '@pmo/domain';
import type { MilestoneStatus } from '@pmo/domain';
import { escapeXml } from './trajectory-chart';

/** One milestone on the timeline: where it was planned, where it is expected, when it landed. */
export interface TimelineMilestone {
  name: string;
  baselineDate: string;
  forecastDate: string;
  actualDate: string | null;
  status: MilestoneStatus;
}

const WIDTH = 760;
const LABEL_WIDTH = 250;
const RIGHT = 20;
const TOP = 34;
const ROW = 26;
const LEGEND = 30;
const STATUS_COLOURS: Record<MilestoneStatus, string> = { Red: '#d5281b', Amber: '#ffb81c', Green: '#007f3b', Complete: '#005eb8' };
const BASELINE_COLOUR = '#4c6272';

const coordinate = (value: number): string => String(Math.round(value * 100) / 100);

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** How far apart axis ticks may be, in months: a month, a quarter, a half year, then whole years. */
const TICK_STEPS = [1, 3, 6, 12, 24, 60, 120];
/** The room one label needs on the axis: "Sep 26" at 11px, with a gap. */
const LABEL_ROOM = 48;

/**
 * The axis ticks between two days: the first days of months, a step apart, the step the smallest that leaves every
 * label its room (a plan of a few months is ticked monthly, one over years yearly). Ticks fall on whole quarters,
 * half years and years, labelled by month and year, or by year alone once a tick is a year or more apart.
 */
export function axisTicks(from: string, to: string, width: number): { day: string; label: string }[] {
  const monthIndex = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
  const [first, last] = [monthIndex(from), monthIndex(to)];
  const most = Math.max(1, Math.floor(width / LABEL_ROOM));
  const fits = (step: number) => Math.floor(last / step) - Math.ceil(first / step) + 1 <= most;
  // Past a decade a tick, whole decades: a plan that long is a mistake, but its page must still draw.
  const step = TICK_STEPS.find(fits) ?? Math.ceil((last - first + 1) / Math.max(1, most - 1) / 120) * 120;
  const ticks: { day: string; label: string }[] = [];
  for (let index = Math.ceil(first / step) * step; index <= last; index += step) {
    const [year, month] = [Math.floor(index / 12), index % 12];
    ticks.push({ day: `${year}-${String(month + 1).padStart(2, '0')}-01`, label: step >= 12 ? String(year) : `${MONTH_NAMES[month]} ${String(year).slice(2)}` });
  }
  return ticks;
}

/**
 * Milestones on one time axis as an inline SVG: each row draws the baseline (hollow diamond), the
 * forecast (a dot in the milestone's status colour, joined to the baseline by its slip) and the actual
 * (a tick); a dashed line marks today. The same milestones are listed in a table beside it, for
 * anyone who cannot see the drawing.
 */
export function renderMilestoneTimeline(title: string, milestones: readonly TimelineMilestone[], today: string): string {
  const days = [today, ...milestones.flatMap((milestone) => [milestone.baselineDate, milestone.forecastDate, ...(milestone.actualDate === null ? [] : [milestone.actualDate])])].sort();
  const first = `${days[0].slice(0, 7)}-01`;
  const last = days[days.length - 1];
  const span = Math.max(1, daysBetween(first, last) + 15);
  const x = (day: string) => LABEL_WIDTH + (daysBetween(first, day) / span) * (WIDTH - LABEL_WIDTH - RIGHT);
  const height = TOP + milestones.length * ROW + LEGEND;
  const axis = axisTicks(first, last, WIDTH - LABEL_WIDTH - RIGHT).map((tick) => {
    const at = coordinate(x(tick.day));
    return `<line x1="${at}" x2="${at}" y1="${TOP - 6}" y2="${height - LEGEND}" stroke="#d8dde0"/><text x="${at}" y="${TOP - 12}" font-size="11" text-anchor="middle">${tick.label}</text>`;
  });
  const rows = milestones.map((milestone, index) => {
    const y = TOP + index * ROW + ROW / 2;
    const name = milestone.name.length > 38 ? `${milestone.name.slice(0, 37)}…` : milestone.name;
    const baseline = x(milestone.baselineDate);
    const forecast = x(milestone.forecastDate);
    const colour = STATUS_COLOURS[milestone.status];
    return [
      `<text x="0" y="${coordinate(y + 4)}" font-size="12">${escapeXml(name)}</text>`,
      `<line x1="${coordinate(baseline)}" x2="${coordinate(forecast)}" y1="${y}" y2="${y}" stroke="${colour}" stroke-width="2"/>`,
      `<path d="M ${coordinate(baseline)} ${y - 6} l 6 6 l -6 6 l -6 -6 z" fill="#ffffff" stroke="${BASELINE_COLOUR}" stroke-width="1.5"/>`,
      `<circle cx="${coordinate(forecast)}" cy="${y}" r="5" fill="${colour}"/>`,
      milestone.actualDate === null
        ? ''
        : `<path d="M ${coordinate(x(milestone.actualDate) - 5)} ${y} l 4 5 l 7 -10" fill="none" stroke="#212b32" stroke-width="2"/>`,
    ].join('');
  });
  const todayAt = coordinate(x(today));
  const legendY = height - 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${escapeXml(title)}: baseline, forecast and actual dates" font-family="Arial, sans-serif">`,
    `<title>${escapeXml(title)}: baseline, forecast and actual dates</title>`,
    ...axis,
    `<line x1="${todayAt}" x2="${todayAt}" y1="${TOP - 6}" y2="${height - LEGEND}" stroke="#212b32" stroke-dasharray="4 3"/>`,
    ...rows,
    `<path d="M 6 ${legendY - 10} l 6 6 l -6 6 l -6 -6 z" fill="#ffffff" stroke="${BASELINE_COLOUR}" stroke-width="1.5"/><text x="18" y="${legendY}" font-size="12">Baseline</text>`,
    `<circle cx="100" cy="${legendY - 4}" r="5" fill="${STATUS_COLOURS.Green}"/><text x="110" y="${legendY}" font-size="12">Forecast, in its status colour</text>`,
    `<path d="M 300 ${legendY - 4} l 4 5 l 7 -10" fill="none" stroke="#212b32" stroke-width="2"/><text x="316" y="${legendY}" font-size="12">Actual</text>`,
    `<line x1="380" x2="380" y1="${legendY - 12}" y2="${legendY + 2}" stroke="#212b32" stroke-dasharray="4 3"/><text x="386" y="${legendY}" font-size="12">Today</text>`,
    `</svg>`,
  ].join('');
}
