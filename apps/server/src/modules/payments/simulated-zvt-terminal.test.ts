import { describe, expect, it } from 'vitest';
import { TerminalNoAnswer } from './payment-terminal.js';
import { SimulatedZvtTerminal } from './simulated-zvt-terminal.js';

describe('SimulatedZvtTerminal', () => {
  it('approves by default and remembers the last transaction', async () => {
    const t = new SimulatedZvtTerminal();
    const r = await t.authorize(1250, 'p1');
    expect(r).toMatchObject({ status: 'approved', amount: 1250, brand: 'girocard', last4: '4242', resultCode: '00' });
    expect(await t.lastTransactionStatus()).toEqual(r);
    expect(t.charges).toEqual([{ ref: 'p1', amount: 1250 }]);
  });

  it('declines and cancels without charging', async () => {
    const t = new SimulatedZvtTerminal().next('decline', 'cancel');
    expect((await t.authorize(100, 'a')).status).toBe('declined');
    expect((await t.authorize(100, 'b')).status).toBe('cancelled');
    expect(t.charges).toEqual([]);
  });

  it('timeout: no answer, nothing charged, last transaction unchanged', async () => {
    const t = new SimulatedZvtTerminal().next('approve', 'timeout');
    await t.authorize(100, 'a');
    await expect(t.authorize(200, 'b')).rejects.toBeInstanceOf(TerminalNoAnswer);
    expect((await t.lastTransactionStatus())?.ref).toBe('a');
    expect(t.charges).toHaveLength(1);
  });

  it('lost answer: charged once, the status enquiry reports the approval', async () => {
    const t = new SimulatedZvtTerminal().next('lost_answer');
    await expect(t.authorize(300, 'x')).rejects.toBeInstanceOf(TerminalNoAnswer);
    expect(await t.lastTransactionStatus()).toMatchObject({ ref: 'x', status: 'approved', amount: 300 });
    expect(t.charges).toEqual([{ ref: 'x', amount: 300 }]);
  });

  it('refuses a non-integer amount', async () => {
    await expect(new SimulatedZvtTerminal().authorize(1.5, 'f')).rejects.toThrow(RangeError);
  });
});
