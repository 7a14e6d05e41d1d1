import { describe, expect, it } from 'vitest';
import { nextAfter } from './document-number';

describe('refund document number', () => {
  it('continues the register numbering in its receipt format', () => {
    expect(
      nextAfter(
        [
          { registerSeq: 7, receiptNo: 'K1-000007' },
          { registerSeq: 9, receiptNo: 'K1-000009' },
          { registerSeq: 8, receiptNo: 'K1-000008' },
        ],
        'R',
      ),
    ).toEqual({ registerSeq: 10, receiptNo: 'K1-000010' });
  });

  it('starts at 1 for a register without documents', () => {
    expect(nextAfter([], 'K2')).toEqual({ registerSeq: 1, receiptNo: 'K2-000001' });
  });
});
