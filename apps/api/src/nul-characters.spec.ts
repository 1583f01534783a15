import { fieldsHoldingNul } from './nul-characters';

describe('the fields of a request that hold U+0000', () => {
  it('names each field as the schemas do, in the order the sender wrote them, and a text body as (body)', () => {
    const body = { name: 'Extended access\u0000', milestones: [{ name: 'Go live' }, { name: '\u0000', owner: 'lead' }], notes: ['a', 'b\u0000'] };
    expect(fieldsHoldingNul(body, 20)).toEqual(['name', 'milestones.1.name', 'notes.1']);
    expect(fieldsHoldingNul('ref,name\nM1,Go\u0000live', 20)).toEqual(['(body)']);
  });

  it('names a key that holds it without looking inside its value', () => {
    expect(fieldsHoldingNul({ 'dead\u0000line': { date: '\u0000' } }, 20)).toEqual(['dead\u0000line']);
  });

  it('finds nothing in clean text, numbers, nulls or an uploaded file', () => {
    expect(fieldsHoldingNul({ name: 'Online consultation', practices: 61, owner: null, at: ['2018-03-31'] }, 20)).toEqual([]);
    expect(fieldsHoldingNul(Buffer.from('PK\u0003\u0004\u0000\u0000'), 20)).toEqual([]);
    expect(fieldsHoldingNul(undefined, 20)).toEqual([]);
  });

  it('stops at the most it is asked for', () => {
    expect(fieldsHoldingNul(Array.from({ length: 1_000 }, () => '\u0000'), 3)).toEqual(['0', '1', '2']);
  });

  it('walks a body nested as deep as the body limit allows without overflowing the stack', () => {
    let deep: unknown = '\u0000';
    for (let level = 0; level < 200_000; level += 1) deep = [deep];
    const [field] = fieldsHoldingNul(deep, 20);
    expect(field.split('.')).toHaveLength(200_000);
  });
});
