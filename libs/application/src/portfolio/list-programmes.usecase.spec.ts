import { PORTFOLIO_PAGE_SIZE, portfolioPageOf, portfolioPageSchema } from './list-programmes.usecase';
import type { PortfolioEntry } from './list-programmes.usecase';

describe('a page of the portfolio', () => {
  const entry = (index: number, fields: Partial<PortfolioEntry> = {}): PortfolioEntry => ({
    id: `id-${String(index).padStart(4, '0')}`,
    name: `Programme ${String(index).padStart(4, '0')}`,
    gpfvArea: null,
    organisation: { odsCode: `Q${index % 7}`, name: `ICB ${index % 7}` },
    closure: null,
    status: (['Green', 'Amber', 'Red'] as const)[index % 3],
    deliveryConfidence: (['Green', 'Amber/Green', 'Amber', 'Amber/Red', 'Red'] as const)[index % 5],
    direction: 'stable',
    nextMilestone: index % 4 === 0 ? null : { ref: 'M01', name: 'Next', forecastDate: `2027-01-${String((index % 28) + 1).padStart(2, '0')}`, status: 'Green' },
    ...fields,
  });
  const entries = Array.from({ length: 2_000 }, (_, index) => entry(index));

  it('pages 2,000 programmes fifty at a time, a page past the last being the last', () => {
    const first = portfolioPageOf(entries, 'name', 'ascending', 1);
    expect([first.total, first.pages, first.entries.length, first.entries[0].name]).toEqual([2_000, 40, PORTFOLIO_PAGE_SIZE, 'Programme 0000']);
    const last = portfolioPageOf(entries, 'name', 'ascending', 99);
    expect([last.page, last.entries.at(-1)?.name]).toEqual([40, 'Programme 1999']);
    expect(portfolioPageOf([], 'name', 'ascending', 3)).toEqual({ entries: [], total: 0, page: 1, pages: 1, sort: 'name', order: 'ascending' });
  });

  it('sorts the worst status and confidence first ascending, the soonest milestone first, ties by name', () => {
    const byStatus = portfolioPageOf(entries, 'status', 'ascending', 1).entries;
    expect(byStatus.every((candidate) => candidate.status === 'Red')).toBe(true);
    expect(byStatus.map((candidate) => candidate.name)).toEqual([...byStatus.map((candidate) => candidate.name)].sort());
    expect(portfolioPageOf(entries, 'status', 'descending', 1).entries.every((candidate) => candidate.status === 'Green')).toBe(true);
    expect(portfolioPageOf(entries, 'confidence', 'ascending', 1).entries[0].deliveryConfidence).toBe('Red');
    const soonest = portfolioPageOf(entries, 'next-milestone', 'ascending', 1).entries[0];
    expect(soonest.nextMilestone?.forecastDate).toBe('2027-01-02');
    // Those with nothing left to deliver come last.
    expect(portfolioPageOf(entries, 'next-milestone', 'ascending', 40).entries.at(-1)?.nextMilestone).toBeNull();
  });

  it('reads its query as the page sends it, and names what is wrong', () => {
    expect(portfolioPageSchema.parse({ page: '3', sort: 'status', order: 'descending', status: 'Red' })).toEqual({ page: 3, sort: 'status', order: 'descending', status: 'Red' });
    expect(portfolioPageSchema.parse({})).toEqual({ page: 1, sort: 'name', order: 'ascending' });
    const refused = portfolioPageSchema.safeParse({ page: 'two', sort: 'colour' });
    expect(refused.success ? [] : refused.error.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['sort', 'must be one of name, organisation, status, confidence, next-milestone'],
      ['page', 'must be a page number'],
    ]);
  });
});
