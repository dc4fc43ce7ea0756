import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useMemo, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { mappingProblems, serverMappingProblems, withChoice, type ColumnMapping } from './mapping';
import { MappingEditor } from './MappingEditor';

// What the API proposes for a typical CRM export (POST /api/lead-imports answers it as `mapping`).
const proposed: ColumnMapping[] = [
  { column: 0, header: 'E-mail', target: 'email' },
  { column: 1, header: 'Full Name', target: 'fullName' },
  { column: 2, header: 'Société', target: 'company' },
  { column: 3, header: 'Notes', target: 'custom:Notes' },
];
const rows = [
  ['ada@acme.example', 'Ada Lovelace', 'Acme', ''],
  ['grace@navy.example', 'Grace Hopper', 'Navy', 'met at a conference'],
  ['alan@bletchley.example', 'Alan Turing', 'Bletchley', ''],
  ['edsger@tue.example', 'Edsger Dijkstra', 'TU/e', 'prefers letters'],
];

let latest: ColumnMapping[] = [];

/** The editor as the wizard holds it: the mapping in state, its problems worked out on each change. */
function Harness({ initial }: { initial: ColumnMapping[] }) {
  const [mapping, setMapping] = useState(initial);
  const problems = useMemo(() => mappingProblems(mapping), [mapping]);
  latest = mapping;
  return (
    <>
      <MappingEditor mapping={mapping} rows={rows} problems={problems} onChange={setMapping} />
      <ul aria-label="Mapping problems">
        {problems.overall.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </>
  );
}

const selectFor = (header: string) => screen.getByRole('combobox', { name: `Import “${header}” as` }) as HTMLSelectElement;
const rowOf = (header: string) => screen.getByRole('row', { name: new RegExp(`^${header}`) });

afterEach(cleanup);

describe('the import mapping editor', () => {
  it("preselects the API's proposed mapping and shows each column's sample values beside it", () => {
    render(<Harness initial={proposed} />);
    expect(selectFor('E-mail').value).toBe('email');
    expect(selectFor('Full Name').value).toBe('fullName');
    expect(selectFor('Société').value).toBe('company');
    expect(selectFor('Notes').value).toBe('custom');
    expect((screen.getByRole('textbox', { name: 'Custom field name for “Notes”' }) as HTMLInputElement).value).toBe('Notes');
    // The first three non-empty values: an empty cell is skipped, the fourth row is not shown.
    expect(
      within(rowOf('E-mail'))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['ada@acme.example', 'grace@navy.example', 'alan@bletchley.example']);
    expect(
      within(rowOf('Notes'))
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['met at a conference', 'prefers letters']);
    expect(screen.getAllByRole('combobox').filter((select) => select.getAttribute('aria-invalid') === 'true')).toEqual([]);
    expect(within(screen.getByRole('list', { name: 'Mapping problems' })).queryAllByRole('listitem')).toEqual([]);
  });

  it('marks the second column that feeds a field already taken, on that column', async () => {
    render(<Harness initial={proposed} />);
    await userEvent.selectOptions(selectFor('Société'), 'email');
    const société = selectFor('Société');
    expect(société.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(société.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Email is already imported from “E-mail”',
    );
    expect(selectFor('E-mail').getAttribute('aria-invalid')).toBeNull();

    // Ignoring the first email column makes the second one the email column: no problem left.
    await userEvent.selectOptions(selectFor('E-mail'), 'ignore');
    expect(selectFor('Société').getAttribute('aria-invalid')).toBeNull();
    expect(latest.map((entry) => entry.target)).toEqual(['ignore', 'fullName', 'email', 'custom:Notes']);
  });

  it('requires an email column and refuses a full name beside first or last names', async () => {
    render(<Harness initial={proposed} />);
    await userEvent.selectOptions(selectFor('E-mail'), 'ignore');
    const problems = screen.getByRole('list', { name: 'Mapping problems' });
    expect(within(problems).getByRole('listitem').textContent).toBe(
      'Choose the column that holds the email addresses: every lead needs one.',
    );

    await userEvent.selectOptions(selectFor('E-mail'), 'email');
    await userEvent.selectOptions(selectFor('Société'), 'lastName');
    expect(within(problems).getByRole('listitem').textContent).toBe('Import either a full name or first and last names, not both.');
  });

  it('names a custom field after its column and lets the user rename it; an empty name is a problem on that column', async () => {
    render(<Harness initial={proposed} />);
    await userEvent.selectOptions(selectFor('Société'), 'custom');
    const name = screen.getByRole('textbox', { name: 'Custom field name for “Société”' });
    expect((name as HTMLInputElement).value).toBe('Société');
    expect(latest[2]?.target).toBe('custom:Société');

    await userEvent.clear(name);
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby') ?? '')?.textContent).toBe('Name the custom field');
    await userEvent.type(name, 'Account');
    expect(latest[2]?.target).toBe('custom:Account');
    expect(name.getAttribute('aria-invalid')).toBeNull();

    // Back to a field and to custom again: the name typed is kept only while it is a custom field.
    await userEvent.selectOptions(selectFor('Société'), 'company');
    expect(screen.queryByRole('textbox', { name: 'Custom field name for “Société”' })).toBeNull();
    expect(latest[2]?.target).toBe('company');
  });

  it("puts the API's mapping issues on the columns their paths name", () => {
    const problems = serverMappingProblems([
      { path: 'mapping.2.target', message: 'Unknown target "compnay"; did you mean "company"?' },
      { path: 'mapping', message: 'One column must be mapped to email' },
      { path: 'listId', message: 'No such list' },
    ]);
    expect([...problems.byColumn]).toEqual([[2, 'Unknown target "compnay"; did you mean "company"?']]);
    expect(problems.overall).toEqual(['One column must be mapped to email']);
    render(<MappingEditor mapping={proposed} rows={rows} problems={problems} onChange={() => undefined} />);
    expect(selectFor('Société').getAttribute('aria-invalid')).toBe('true');
    expect(selectFor('E-mail').getAttribute('aria-invalid')).toBeNull();
  });

  it('keeps the other columns as they were when one changes', () => {
    const next = withChoice(proposed, 1, 'ignore');
    expect(next[1]).toEqual({ column: 1, header: 'Full Name', target: 'ignore' });
    expect(next.filter((_, index) => index !== 1)).toEqual(proposed.filter((_, index) => index !== 1));
  });
});
