import fc from 'fast-check';
import { escapeFormula, unescapeFormula } from './formula-guard';

describe('escapeFormula', () => {
  it.each(['=SUM(A1)', '+44 1202', '-5 practices', '@risk', '\tindented', '\rreturn'])('puts an apostrophe before %j', (text) => {
    expect(escapeFormula(text)).toBe(`'${text}`);
  });

  it('leaves other text alone, an apostrophe before ordinary text included', () => {
    expect(escapeFormula('Advert out')).toBe('Advert out');
    expect(escapeFormula("'quoted")).toBe("'quoted");
    expect(escapeFormula('')).toBe('');
  });

  it('gives text that already starts with an apostrophe before =, one more', () => {
    expect(escapeFormula("'=x")).toBe("''=x");
  });
});

describe('unescapeFormula', () => {
  it('takes one apostrophe off an escaped cell and leaves other apostrophes alone', () => {
    expect(unescapeFormula("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unescapeFormula("''=x")).toBe("'=x");
    expect(unescapeFormula("'quoted")).toBe("'quoted");
    expect(unescapeFormula("O'Brien")).toBe("O'Brien");
  });
});

describe('the formula guard laws', () => {
  const cell = fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a', '1', ' ') });

  it('undoes exactly what it did: unescape(escape(text)) is text', () => {
    fc.assert(fc.property(cell, (text) => unescapeFormula(escapeFormula(text)) === text));
  });

  it('never writes a cell a spreadsheet would run', () => {
    fc.assert(fc.property(cell, (text) => !/^[=+\-@\t\r]/.test(escapeFormula(text))));
  });
});
