import { dirname, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { Environment, FileSystemLoader } from 'nunjucks';
import type { OrganisationKind } from '@pmo/application';
import { londonDay } from '@pmo/domain';
import { formatPence } from '@pmo/reporting';
import { sentence } from './web-forms';
import type { FormProblem } from './web-forms';

/** Where nhsuk-frontend keeps its Nunjucks macros (`nhsuk/components/...`), its styles, scripts and images. */
export const NHSUK_FRONTEND_DIST = dirname(dirname(require.resolve('nhsuk-frontend/dist/nhsuk/nhsuk-frontend.min.css')));
/** Our own page scripts and styles, served beside nhsuk-frontend's. */
export const WEB_ASSETS_DIR = join(__dirname, 'assets');
/** The URL prefix of every asset a page loads. */
export const ASSET_PATH = '/app/assets';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-03-09` as people read it on a page: 9 March 2026. */
export function longDate(day: string | null | undefined): string {
  if (day === null || day === undefined || !/^\d{4}-\d{2}-\d{2}/.test(day)) return '';
  return `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;
}

/** `2026-03` as a month heading: March 2026. */
export function longMonth(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** The NHS.UK tag colour for a status; Complete is blue, as on the programme boards. */
const TAG_COLOURS: Record<string, string> = {
  Red: 'red',
  Amber: 'orange',
  'Amber/Red': 'orange',
  'Amber/Green': 'yellow',
  Green: 'green',
  Complete: 'blue',
  Pending: 'grey',
};

/** Each kind of organisation in the NHS's own words. */
const KIND_NAMES: Record<OrganisationKind, string> = {
  region: 'NHS England region',
  icb: 'ICB (an STP before 2022)',
  ccg: 'CCG or sub-ICB location',
  cluster: 'Cluster',
  'transformation-area': 'Transformation area',
  locality: 'Locality',
  pcn: 'Primary care network',
  practice: 'GP practice',
};

/**
 * Server-rendered pages on nhsuk-frontend's own Nunjucks templates and macros, autoescaped: every
 * page works without JavaScript, which only enhances it.
 */
@Injectable()
export class WebViews {
  private readonly environment = new Environment(new FileSystemLoader([join(__dirname, 'views'), NHSUK_FRONTEND_DIST], { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
  });

  constructor() {
    this.environment.addFilter('longDate', longDate);
    this.environment.addFilter('longMonth', longMonth);
    this.environment.addFilter('sentence', sentence);
    this.environment.addFilter('areaName', (area: string | null) => (area === null ? 'Not set' : sentence(area.replace(/-/g, ' '))));
    this.environment.addFilter('kindName', (kind: OrganisationKind) => KIND_NAMES[kind] ?? kind);
    this.environment.addFilter('pounds', formatPence);
    this.environment.addFilter('thousands', (value: number) => value.toLocaleString('en-GB'));
    this.environment.addFilter('londonDay', (instant: string) => londonDay(new Date(instant)));
    this.environment.addFilter('tagColour', (status: string) => TAG_COLOURS[status] ?? 'grey');
    this.environment.addFilter('errorList', (problems: FormProblem[]) => problems.map((problem) => ({ text: problem.text, href: `#${problem.field}` })));
    // A field's error message for the macros' errorMessage option, or nothing when the field is fine.
    this.environment.addFilter('errorFor', (problems: FormProblem[] | undefined, field: string) => {
      const problem = problems?.find((candidate) => candidate.field === field);
      return problem === undefined ? undefined : { text: problem.text };
    });
    this.environment.addGlobal('assetPath', ASSET_PATH);
  }

  render(view: string, context: Record<string, unknown>): string {
    return this.environment.render(view, context);
  }
}
