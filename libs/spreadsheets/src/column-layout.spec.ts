import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COLUMN_LAYOUT, columnHeadings, findColumn } from './column-layout';
import { SHEETS } from './programme-workbook';

const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

/** The first cell of each table row under a sheet's heading in the README. */
function documentedHeadings(sheet: string): string[] {
  const section = readme.split(`### ${sheet}\n`)[1]?.split('\n### ')[0] ?? '';
  return [...section.matchAll(/^\| ([^|]+?) \|/gm)].map((match) => match[1]).filter((cell) => cell !== 'Column' && !cell.startsWith('---'));
}

describe('the column layout', () => {
  it.each(SHEETS)('is the one the README documents for %s, in order', (sheet) => {
    expect(documentedHeadings(sheet)).toEqual(columnHeadings(sheet));
  });

  it('gives every sheet distinct headings and keys', () => {
    for (const sheet of SHEETS) {
      const columns = COLUMN_LAYOUT[sheet];
      expect(new Set(columns.map((column) => column.heading.toLowerCase())).size).toBe(columns.length);
      expect(new Set(columns.map((column) => column.key)).size).toBe(columns.length);
    }
  });

  it('finds a column by its heading whatever the case and surrounding spaces', () => {
    expect(findColumn(COLUMN_LAYOUT.Milestones, '  baseline DATE ')).toMatchObject({ key: 'baselineDate', kind: 'day' });
    expect(findColumn(COLUMN_LAYOUT.Milestones, 'Baseline')).toBeUndefined();
  });
});
