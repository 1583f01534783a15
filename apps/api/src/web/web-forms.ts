import { ApplicationError, ApplicationErrorCode } from '@pmo/application';
import type { FieldProblem } from '@pmo/application';

/** One thing wrong with a form: the id of the field it is about, and what to do. */
export interface FormProblem {
  field: string;
  text: string;
}

/**
 * A form sent back with what was wrong in it: the web error filter shows it again with the NHS.UK
 * error summary, and, being an error, it leaves no audit event and changes nothing.
 */
export class FormRejected extends Error {
  constructor(
    readonly view: string,
    readonly context: Record<string, unknown>,
    /** Each problem against the id of the field it is about, in the order of the form. */
    readonly problems: FormProblem[],
    readonly status = 400,
  ) {
    super('the form has problems');
  }
}

export interface FormField {
  /** The id of its input on the page, which the error summary links to. */
  id: string;
  /** How the page names it, to begin the sentence that says what is wrong. */
  label: string;
}

const FORM_ERRORS: readonly ApplicationErrorCode[] = [ApplicationErrorCode.ValidationFailed, ApplicationErrorCode.Unprocessable, ApplicationErrorCode.Conflict];

/**
 * A use case's refusal as a form's problems: a field problem against the form's field for its path,
 * anything else against the first field; null for errors that are not about the input (404, 403, 503).
 */
export function formProblems(error: unknown, fields: Record<string, FormField>, first: FormField): FormProblem[] | null {
  if (!(error instanceof ApplicationError) || !FORM_ERRORS.includes(error.code)) return null;
  if (error.fieldProblems.length === 0) return [{ field: first.id, text: sentence(error.message) }];
  return error.fieldProblems.map((problem: FieldProblem) => {
    const field = fields[problem.field] ?? first;
    return { field: field.id, text: `${field.label} ${problem.reason}` };
  });
}

/** Messages read as sentences on a page. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The value of a text field of a posted form, trimmed; empty when it was not sent. */
export function textField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** What was typed in an NHS.UK date input, to show again. */
export interface DateInputValue {
  day: string;
  month: string;
  year: string;
}

export function dateInputValue(body: Record<string, unknown>, name: string): DateInputValue {
  return { day: textField(body, `${name}[day]`), month: textField(body, `${name}[month]`), year: textField(body, `${name}[year]`) };
}

export function dateInputOf(day: string): DateInputValue {
  return { day: String(Number(day.slice(8, 10))), month: String(Number(day.slice(5, 7))), year: day.slice(0, 4) };
}

/** The day an NHS.UK date input gives, or what is wrong with it in the service manual's words. */
export function dayOf(value: DateInputValue, label: string): { day: string } | { problem: string } {
  const parts = [value.day, value.month, value.year];
  if (parts.every((part) => part === '')) return { problem: `Enter ${label}` };
  if (value.day === '') return { problem: `${sentence(label)} must include a day` };
  if (value.month === '') return { problem: `${sentence(label)} must include a month` };
  if (value.year === '') return { problem: `${sentence(label)} must include a year` };
  const [day, month, year] = parts.map((part) => (/^\d+$/.test(part) ? Number(part) : NaN));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (value.year.length !== 4 || Number.isNaN(date.getTime()) || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { problem: `${sentence(label)} must be a real date` };
  }
  return { day: date.toISOString().slice(0, 10) };
}

/** A use case's refusal as the form shown again, or the error as it was when it is not about the input. */
export function rejected(error: unknown, reject: (problems: FormProblem[]) => FormRejected, fields: Record<string, FormField>, first: FormField): unknown {
  const problems = formProblems(error, fields, first);
  return problems === null ? error : reject(problems);
}

/** The field of the optional "when was this known?" date input that history brought in late fills. */
export const KNOWN_ON_FIELD: FormField = { id: 'knownOn-day', label: 'The day it was known' };

/** The day an entry was known, as `recordedOn` for the use case: undefined when left empty (today), or what is wrong. */
export function knownOnOf(value: DateInputValue): { recordedOn: string | undefined } | { problem: FormProblem } {
  if (value.day === '' && value.month === '' && value.year === '') return { recordedOn: undefined };
  const parsed = dayOf(value, 'the day it was known');
  return 'problem' in parsed ? { problem: { field: KNOWN_ON_FIELD.id, text: parsed.problem } } : { recordedOn: parsed.day };
}

/** Pounds as typed (`£1,250.50`, `1250`) as integer pence, or what is wrong in the service manual's words. */
export function penceOf(typed: string, label: string): { pence: number } | { problem: string } {
  if (typed === '') return { problem: `Enter ${label}` };
  const plain = typed.replace(/^£/, '').replace(/,/g, '');
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(plain)) return { problem: `${sentence(label)} must be an amount in pounds, such as 1250 or 1250.50` };
  const [pounds, fraction = ''] = plain.split('.');
  return { pence: Number(pounds) * 100 + Number(fraction.padEnd(2, '0')) };
}
