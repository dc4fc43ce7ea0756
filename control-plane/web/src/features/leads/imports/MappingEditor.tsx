import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Table, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import {
  choiceOf,
  customNameOf,
  fieldTargets,
  sampleValues,
  withChoice,
  withCustomName,
  type ColumnMapping,
  type MappingProblems,
  type TargetChoice,
} from './mapping';

const columnName = (entry: ColumnMapping) => entry.header.trim() || `Column ${entry.column + 1}`;

/**
 * One row per column of the file: what it is called, what it holds (sample values from the preview)
 * and what it becomes (a lead field, a custom field, or nothing), with the problem of that column beside it.
 */
export function MappingEditor({
  mapping,
  rows,
  problems,
  onChange,
}: {
  mapping: readonly ColumnMapping[];
  rows: readonly string[][];
  problems: MappingProblems;
  onChange: (mapping: ColumnMapping[]) => void;
}) {
  return (
    <Table>
      <caption className="sr-only">Column mapping</caption>
      <TableHead>
        <tr>
          <TableHeader className="w-1/4">Column in the file</TableHeader>
          <TableHeader className="w-1/3">Sample values</TableHeader>
          <TableHeader>Import as</TableHeader>
        </tr>
      </TableHead>
      <tbody>
        {mapping.map((entry, index) => {
          const name = columnName(entry);
          const choice = choiceOf(entry.target);
          const problem = problems.byColumn.get(index);
          const problemId = `mapping-problem-${index}`;
          const samples = sampleValues(rows, entry.column);
          return (
            <TableRow key={entry.column} className={choice === 'ignore' ? 'bg-slate-50/70' : undefined}>
              <TableCell className="align-top">
                <p className="font-medium">{name}</p>
                <p className="text-xs text-slate-500">Column {entry.column + 1}</p>
              </TableCell>
              <TableCell className="align-top">
                {samples.length > 0 ? (
                  <ul className="space-y-0.5 text-xs text-slate-600">
                    {samples.map((value, at) => (
                      <li key={at} className="max-w-64 truncate" title={value}>
                        {value}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <span className="text-xs italic text-slate-500">Empty in the first rows</span>
                )}
              </TableCell>
              <TableCell className="align-top">
                <div className="flex flex-wrap gap-2">
                  <Select
                    aria-label={`Import “${name}” as`}
                    className="w-56"
                    value={choice}
                    aria-invalid={problem ? true : undefined}
                    aria-describedby={problem ? problemId : undefined}
                    onChange={(event) => onChange(withChoice(mapping, index, event.target.value as TargetChoice))}
                  >
                    {fieldTargets.map((field) => (
                      <option key={field.value} value={field.value}>
                        {field.label}
                      </option>
                    ))}
                    <option value="custom">Custom field</option>
                    <option value="ignore">Don’t import</option>
                  </Select>
                  {choice === 'custom' ? (
                    <Input
                      aria-label={`Custom field name for “${name}”`}
                      className="w-48"
                      maxLength={100}
                      value={customNameOf(entry.target)}
                      aria-invalid={problem ? true : undefined}
                      aria-describedby={problem ? problemId : undefined}
                      onChange={(event) => onChange(withCustomName(mapping, index, event.target.value))}
                    />
                  ) : null}
                </div>
                {problem ? (
                  <p id={problemId} className="mt-1 text-sm text-red-700">
                    {problem}
                  </p>
                ) : null}
              </TableCell>
            </TableRow>
          );
        })}
      </tbody>
    </Table>
  );
}
