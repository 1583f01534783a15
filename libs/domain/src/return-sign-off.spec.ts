import { signOffRefusal, statusAfter } from './return-sign-off';

describe('return sign-off', () => {
  const draft = { status: 'draft' as const, reviewedBy: null, approvedBy: null };

  it('goes draft, reviewed, approved, submitted, one step at a time', () => {
    expect(signOffRefusal(draft, 'review', 'analyst@icb.nhs.example')).toBeNull();
    expect(statusAfter('review')).toBe('reviewed');
    expect(signOffRefusal({ ...draft, status: 'reviewed', reviewedBy: 'analyst@icb.nhs.example' }, 'approve', 'head@icb.nhs.example')).toBeNull();
    expect(signOffRefusal({ ...draft, status: 'approved' }, 'submit', 'pmo@icb.nhs.example')).toBeNull();
    expect(statusAfter('submit')).toBe('submitted');
  });

  it('refuses a step out of order, naming the status it needs', () => {
    expect(signOffRefusal(draft, 'approve', 'head@icb.nhs.example')).toBe("only a reviewed version can be given 'approve'; this one is draft");
    expect(signOffRefusal(draft, 'submit', 'head@icb.nhs.example')).toBe("only an approved version can be given 'submit'; this one is draft");
  });

  it('needs a second person to approve what one reviewed', () => {
    expect(signOffRefusal({ ...draft, status: 'reviewed', reviewedBy: 'Analyst@icb.nhs.example' }, 'approve', 'analyst@icb.nhs.example')).toMatch(/someone else must approve/);
  });

  it('never changes a submitted or superseded version', () => {
    for (const step of ['review', 'approve', 'submit'] as const) {
      expect(signOffRefusal({ ...draft, status: 'submitted' }, step, 'x@icb.nhs.example')).toMatch(/never changes/);
      expect(signOffRefusal({ ...draft, status: 'superseded' }, step, 'x@icb.nhs.example')).toMatch(/superseded/);
    }
  });
});
