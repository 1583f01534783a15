import { writtenAfterSending } from './after-sending';

describe('a write after a message is sent', () => {
  it('is tried again until the database takes it', async () => {
    let tries = 0;
    const write = async () => {
      tries += 1;
      if (tries < 3) throw new Error('Connection terminated unexpectedly');
      return 'recorded';
    };
    await expect(writtenAfterSending('delivery d', write, [0, 0, 0])).resolves.toBe('recorded');
    expect(tries).toBe(3);
  });

  it('fails with the last error once its tries are spent', async () => {
    let tries = 0;
    const write = async () => {
      tries += 1;
      throw new Error(`refused ${tries}`);
    };
    await expect(writtenAfterSending('delivery d', write, [0, 0])).rejects.toThrow('refused 3');
    expect(tries).toBe(3);
  });
});
