import { formatRecord, formatTable } from '../../../src/cli/admin/table';

describe('CLI tables', () => {
  it('pads columns to their widest cell, numbers to the right, missing values as -', () => {
    const rows = [
      { name: 'alice', count: 7, note: null },
      { name: 'bob', count: 1234, note: 'admin' },
    ];
    expect(
      formatTable(
        [
          { heading: 'Name', cell: (r: (typeof rows)[number]) => r.name },
          { heading: 'Count', cell: (r) => r.count, align: 'right' },
          { heading: 'Note', cell: (r) => r.note },
        ],
        rows,
      ),
    ).toBe(['Name   Count  Note', '-----  -----  -----', 'alice      7  -', 'bob     1234  admin', ''].join('\n'));
  });

  it('prints headings alone for no rows, and defuses control characters from keys', () => {
    expect(formatTable([{ heading: 'Key', cell: (r: string) => r }], [])).toBe('Key\n---\n');
    expect(formatRecord([['key', 'a\u001b[2Jb'], ['size', 0]])).toBe('key:  a?[2Jb\nsize: 0\n');
  });
});
