import { londonDay } from '@pmo/domain';
import { escapeXml as escape } from './trajectory-chart';

/** A status word, drawn as an NHS.UK tag in HTML and as the word alone in Markdown. */
export interface StatusCell {
  status: string;
}
export type Cell = string | number | null | StatusCell;

/**
 * A report as a list of blocks, so that each report is written once and the Markdown and the HTML
 * cannot say different things.
 */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; status?: string }
  | { kind: 'caption'; text: string }
  | { kind: 'fields'; fields: readonly (readonly [label: string, value: Cell])[] }
  | { kind: 'table'; caption: string; headings: readonly string[]; rows: readonly (readonly Cell[])[] }
  | { kind: 'text'; text: string }
  | { kind: 'note'; text: string }
  | { kind: 'bullets'; items: readonly string[] }
  | { kind: 'warning'; title: string; text: string }
  /** HTML only: a chart that the table beside it states in figures. */
  | { kind: 'figure'; svg: string };

export interface ReportDocument {
  title: string;
  blocks: Block[];
}

/**
 * Where a report's page finds the NHS.UK frontend stylesheet, relative to the page: the API serves it
 * beside the reports and a folder of reports carries a copy, so the kept HTML never needs rewriting.
 */
export const REPORT_STYLESHEET_HREF = 'assets/nhsuk-frontend.min.css';

/** The stylesheet's file in the installed nhsuk-frontend package, to serve, copy or inline. */
export function reportStylesheetPath(): string {
  return require.resolve('nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css');
}

const isStatus = (cell: Cell): cell is StatusCell => typeof cell === 'object' && cell !== null;
const plain = (cell: Cell): string => (cell === null ? '' : isStatus(cell) ? cell.status : String(cell));

/** A table cell: pipes and line breaks would break the table. */
const markdownCell = (cell: Cell) => plain(cell).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function markdownBlock(block: Block): string | null {
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${block.text}${block.status === undefined ? '' : `: ${block.status}`}`;
    case 'caption':
      return `_${block.text}_`;
    case 'fields':
      return block.fields.map(([label, value]) => `**${label}:** ${plain(value) || 'not set'}`).join(' · ');
    case 'table':
      return [
        `| ${block.headings.join(' | ')} |`,
        `|${block.headings.map(() => '---').join('|')}|`,
        ...block.rows.map((row) => `| ${row.map(markdownCell).join(' | ')} |`),
      ].join('\n');
    case 'text':
      return block.text;
    case 'note':
      return `_${block.text}_`;
    case 'bullets':
      return block.items.length === 0 ? null : block.items.map((item) => `- ${item}`).join('\n');
    case 'warning':
      return `> **${block.title}:** ${block.text}`;
    case 'figure':
      return null;
  }
}

/** The document as Markdown, for papers, emails and reading in a repository. */
export function renderMarkdown(document: ReportDocument): string {
  return `${document.blocks.flatMap((block) => markdownBlock(block) ?? []).join('\n\n')}\n`;
}

/** The NHS.UK tag colour for each status word; the word is always shown too, so colour is never the only signal. */
const TAG_COLOUR: Record<string, string> = {
  Green: 'green',
  'Amber/Green': 'aqua-green',
  Amber: 'yellow',
  'Amber/Red': 'orange',
  Red: 'red',
  Complete: 'blue',
  Missing: 'red',
  Received: 'green',
};

const tag = (status: string) => `<strong class="nhsuk-tag nhsuk-tag--${TAG_COLOUR[status] ?? 'grey'}">${escape(status)}</strong>`;
const htmlCell = (cell: Cell) => (isStatus(cell) ? tag(cell.status) : escape(plain(cell)));
const paragraphs = (text: string) =>
  text
    .split(/\r?\n\s*\n/)
    .map((paragraph) => `<p class="nhsuk-body">${escape(paragraph.trim())}</p>`)
    .join('\n');

/** A day or a month breaks across lines at its hyphens in a narrow column; kept whole it reads as one date. */
const cellClass = (cell: Cell) => (typeof cell === 'string' && /^\d{4}-\d{2}(-\d{2})?$/.test(cell) ? 'nhsuk-table__cell nhsuk-u-nowrap' : 'nhsuk-table__cell');

/** The end of a London day, as readers say it, from the instant a report is as at. */
export function asAtLabel(asAt: string): string {
  return `end of ${londonDay(new Date(asAt))} (London time)`;
}

const HEADING_CLASS = { 1: 'nhsuk-heading-xl', 2: 'nhsuk-heading-l', 3: 'nhsuk-heading-m' } as const;

function htmlBlock(block: Block): string | null {
  switch (block.kind) {
    case 'heading':
      return `<h${block.level} class="${HEADING_CLASS[block.level]}">${escape(block.text)}${block.status === undefined ? '' : ` ${tag(block.status)}`}</h${block.level}>`;
    case 'caption':
      return `<span class="nhsuk-caption-l">${escape(block.text)}</span>`;
    case 'fields':
      return `<dl class="nhsuk-summary-list">${block.fields
        .map(
          ([label, value]) =>
            `<div class="nhsuk-summary-list__row"><dt class="nhsuk-summary-list__key">${escape(label)}</dt><dd class="nhsuk-summary-list__value">${value === null ? 'Not set' : htmlCell(value)}</dd></div>`,
        )
        .join('')}</dl>`;
    case 'table':
      return [
        `<table class="nhsuk-table"><caption class="nhsuk-table__caption">${escape(block.caption)}</caption>`,
        `<thead class="nhsuk-table__head"><tr class="nhsuk-table__row">${block.headings.map((heading) => `<th scope="col" class="nhsuk-table__header">${escape(heading)}</th>`).join('')}</tr></thead>`,
        `<tbody class="nhsuk-table__body">${block.rows.map((row) => `<tr class="nhsuk-table__row">${row.map((cell) => `<td class="${cellClass(cell)}">${htmlCell(cell)}</td>`).join('')}</tr>`).join('')}</tbody>`,
        `</table>`,
      ].join('\n');
    case 'text':
      return paragraphs(block.text);
    case 'note':
      return `<p class="nhsuk-body nhsuk-u-secondary-text-colour">${escape(block.text)}</p>`;
    case 'bullets':
      return block.items.length === 0 ? null : `<ul class="nhsuk-list nhsuk-list--bullet">${block.items.map((item) => `<li>${escape(item)}</li>`).join('')}</ul>`;
    case 'warning':
      return `<div class="nhsuk-warning-callout"><h3 class="nhsuk-warning-callout__label">${escape(block.title)}</h3><p>${escape(block.text)}</p></div>`;
    case 'figure':
      return `<figure class="nhsuk-u-margin-bottom-4">${block.svg}</figure>`;
  }
}

/** The document as a whole page in the NHS.UK design system's styles, readable offline and printable to PDF. */
export function renderHtml(document: ReportDocument): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(document.title)}</title>`,
    `<link rel="stylesheet" href="${REPORT_STYLESHEET_HREF}"></head>`,
    '<body class="nhsuk-frontend-supported"><div class="nhsuk-width-container"><main class="nhsuk-main-wrapper" id="maincontent">',
    ...document.blocks.flatMap((block) => htmlBlock(block) ?? []),
    '</main></div></body>',
    '</html>',
    '',
  ].join('\n');
}

const POUNDS = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' });

/** Pence as pounds, the way a board paper shows money. */
export function formatPence(pence: number): string {
  return POUNDS.format(pence / 100);
}
