/**
 * Defence against formula injection (OWASP "CSV injection"): Excel and LibreOffice run a typed or
 * imported cell that starts with =, +, -, @, a tab or a carriage return as a formula, so exported
 * text starting so gets a leading apostrophe, which makes it plain text.
 *
 * Text that already starts with apostrophes before such a character gets one more, so that import,
 * which takes exactly one apostrophe off, gives back exactly what was exported.
 */
const ESCAPE_NEEDED = /^'*[=+\-@\t\r]/;
const ESCAPED = /^'+[=+\-@\t\r]/;

export function escapeFormula(text: string): string {
  return ESCAPE_NEEDED.test(text) ? `'${text}` : text;
}

export function unescapeFormula(text: string): string {
  return ESCAPED.test(text) ? text.slice(1) : text;
}
