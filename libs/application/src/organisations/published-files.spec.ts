import { readPcnMembers, readPractices, readRegisteredPatients } from './published-files';

const header = 'PUBLICATION,EXTRACT_DATE,TYPE,CCG_CODE,ONS_CCG_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS';
const registered = (date: string, rows = [`GP,11J,E38000045,J81001,DT1 1AA,ALL,ALL,9876`]) => ({
  name: 'gp-reg-pat-prac-all.csv',
  text: [header, ...rows.map((row) => `GP_PRAC_PAT_LIST,${date},${row}`)].join('\n'),
});

describe('published NHS files', () => {
  it.each([
    ['01APR2017', '2017-04-01'],
    ['01Jun2021', '2021-06-01'],
    ['01-Oct-2018', '2018-10-01'],
    ['01-Apr-17', '2017-04-01'],
    ['2026-04-01', '2026-04-01'],
    ['20200401', '2020-04-01'],
    ['01/04/2020', '2020-04-01'],
  ])('reads the extract date %s as %s', (written, day) => {
    expect(readRegisteredPatients(registered(written)).rows).toEqual([{ line: 2, odsCode: 'J81001', asAt: day, value: 9876 }]);
  });

  it.each(['31FEB2017', '01-Foo-2018', '2017-13-01', ''])('refuses the extract date %j, naming the heading', (written) => {
    expect(readRegisteredPatients(registered(written)).problems).toEqual([
      { file: 'gp-reg-pat-prac-all.csv', line: 2, field: 'EXTRACT_DATE', reason: expect.stringContaining('is not a date') },
    ]);
  });

  it('reads the later headings, and takes only the GP practices’ ALL/ALL rows', () => {
    const text = [
      'PUBLICATION,EXTRACT_DATE,ORG_TYPE,SUB_ICB_LOCATION_CODE,ORG_CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS',
      'GP_PRAC_PAT_LIST,2023-06-01,GP,11J,J81001,DT1 1AA,ALL,ALL,10000',
      'GP_PRAC_PAT_LIST,2023-06-01,GP,11J,J81001,DT1 1AA,MALE,ALL,4900',
      'GP_PRAC_PAT_LIST,2023-06-01,SUB_ICB,11J,11J,,ALL,ALL,770000',
    ].join('\r\n');
    expect(readRegisteredPatients({ name: 'later.csv', text })).toEqual({ file: 'later.csv', rows: [{ line: 2, odsCode: 'J81001', asAt: '2023-06-01', value: 10000 }], leftOut: 2, problems: [] });
  });

  it('names a missing heading, and a repeated row', () => {
    expect(readRegisteredPatients({ name: 'odd.csv', text: 'EXTRACT_DATE,CODE\n01APR2017,J81001' }).problems.map((problem) => problem.field)).toEqual(['TYPE', 'SEX', 'AGE', 'NUMBER_OF_PATIENTS']);
    const twice = readRegisteredPatients(registered('01APR2017', ['GP,11J,E38000045,J81001,DT1 1AA,ALL,ALL,9876', 'GP,11J,E38000045,J81001,DT1 1AA,ALL,ALL,9877']));
    expect(twice.problems).toEqual([{ file: 'gp-reg-pat-prac-all.csv', line: 3, field: '(row)', reason: 'has the same practice and extract date as an earlier line' }]);
  });

  it('finds the PCN headings whatever their line breaks and spelling', () => {
    const text = '"Partner\nOrganisation\nCode","PCN Code","PCN Name","PCN Parent Sub ICB Loc Code","Practice to PCN\nRelationship\nStart Date","Practice to PCN\nRelationship\nEnd Date"\nJ81001,U12345,SHERBORNE PCN,11J,20190701,\n';
    expect(readPcnMembers({ name: 'ePCN.csv', text })).toEqual({
      file: 'ePCN.csv',
      rows: [{ line: 8, practice: 'J81001', pcn: 'U12345', pcnName: 'SHERBORNE PCN', pcnCommissioner: '11J', startOn: '2019-07-01', endOn: null }],
      leftOut: 0,
      problems: [],
    });
  });

  it('reads an epraccur row by position, and counts rows that are not GP practices as left out', () => {
    const row = (code: string, setting: string) =>
      `"${code}","A SURGERY","Y58","QVV","1 HIGH ST","","","","","DT1 1AA","19740401","","A","B","11J","20130401","","01305 000000","","","","0","","1","","${setting}",""`;
    const reading = readPractices({ name: 'epraccur.csv', text: [row('J81001', '4'), row('J81002', '1'), '"J81003","SHORT"'].join('\n') });
    expect(reading.rows).toEqual([
      { line: 1, odsCode: 'J81001', name: 'A SURGERY', nationalGrouping: 'Y58', healthGeography: 'QVV', openedOn: '1974-04-01', closedOn: null, commissioner: '11J' },
    ]);
    expect(reading.leftOut).toBe(1);
    expect(reading.problems).toEqual([{ file: 'epraccur.csv', line: 3, field: '(row)', reason: "has 2 columns; the publisher's layout has at least 26" }]);
  });

  it('refuses a file holding the NUL character, at its line, before reading a row', () => {
    expect(readRegisteredPatients({ name: 'odd.csv', text: `${header}\nGP_PRAC_PAT_LIST,01APR2017,GP,11J,E38000045,J81001,DT1 1AA,ALL,ALL,98\u000076` })).toEqual({
      file: 'odd.csv',
      rows: [],
      leftOut: 0,
      problems: [{ file: 'odd.csv', line: 2, field: '(file)', reason: 'holds the NUL character (U+0000): is it a CSV file?' }],
    });
  });
});
