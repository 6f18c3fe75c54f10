// The view editor's form: what the fields hold, how a stored view fills them, and the definition they make.
// Checks here only guide the person typing; the server's viewProblem has the last word.

export type PropertyType = 'text' | 'number' | 'true' | 'false';

export interface PropertyRow {
  readonly key: string;
  readonly value: string;
  readonly type: PropertyType;
}

export interface ViewForm {
  readonly id: string;
  /** Whether the id follows the title (a new view whose id nobody typed). */
  readonly idFromTitle: boolean;
  readonly title: string;
  readonly names: string;
  readonly properties: readonly PropertyRow[];
  readonly groupBy: readonly [string, string];
  readonly metrics: readonly string[];
  readonly value: string;
  readonly groupCap: string;
}

export interface StoredDefinition {
  readonly id: string;
  readonly title: string;
  readonly filter: {
    readonly names: readonly string[];
    readonly properties: Readonly<Record<string, string | number | boolean>>;
  };
  readonly groupBy: readonly string[];
  readonly metrics: readonly string[];
  readonly value?: string;
  readonly groupCap: number;
}

export const numericMetrics = ['sum', 'min', 'max', 'avg', 'p50', 'p90', 'p99'];

export function emptyForm(groupCap: number): ViewForm {
  return {
    id: '',
    idFromTitle: true,
    title: '',
    names: '',
    properties: [],
    groupBy: ['', ''],
    metrics: ['count'],
    value: '',
    groupCap: String(groupCap),
  };
}

export function formOf(view: StoredDefinition): ViewForm {
  return {
    id: view.id,
    idFromTitle: false,
    title: view.title,
    names: view.filter.names.join(', '),
    properties: Object.entries(view.filter.properties).map(([key, value]) => ({
      key,
      value: typeof value === 'boolean' ? '' : String(value),
      type:
        typeof value === 'number'
          ? 'number'
          : typeof value === 'boolean'
            ? value
              ? 'true'
              : 'false'
            : 'text',
    })),
    groupBy: [view.groupBy[0] ?? '', view.groupBy[1] ?? ''],
    metrics: view.metrics,
    value: view.value ?? '',
    groupCap: String(view.groupCap),
  };
}

/** A view id from a title: lower case, runs of anything else as one '-', at most 63 characters. */
export function idFromTitle(title: string): string {
  return title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^[-_]+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/** Problems per field, shown beside it; empty when the form may be sent. */
export function formProblems(form: ViewForm): Partial<Record<keyof ViewForm, string>> {
  const problems: Partial<Record<keyof ViewForm, string>> = {};
  if (!/^[a-z0-9][a-z0-9_-]{0,62}$/.test(form.id))
    problems.id = "1-63 of a-z, 0-9, '_' and '-', starting with a letter or digit";
  if (!form.title.trim()) problems.title = 'a view needs a title';
  const keys = form.groupBy.map((key) => key.trim()).filter(Boolean);
  if (new Set(keys).size !== keys.length) problems.groupBy = 'the two group-by keys must differ';
  else if (keys.some((key) => !/^(\$name|[\w.:-]{1,128})$/.test(key)))
    problems.groupBy = 'a key is a property name (letters, digits, _ . : -) or $name';
  if (form.metrics.length === 0) problems.metrics = 'pick at least one metric';
  const numeric = form.metrics.filter((metric) => numericMetrics.includes(metric));
  if (numeric.length > 0 && !form.value.trim())
    problems.value = `${numeric.join(', ')} need a numeric property`;
  const cap = Number(form.groupCap);
  if (!(Number.isInteger(cap) && cap >= 1 && cap <= 100_000))
    problems.groupCap = 'a whole number from 1 to 100000';
  const badRow = form.properties.find(
    (row) =>
      !row.key.trim() ||
      (row.type === 'number' && !Number.isFinite(Number(row.value))) ||
      (row.type === 'number' && row.value.trim() === ''),
  );
  if (badRow)
    problems.properties = badRow.key.trim() ? `${badRow.key} needs a number` : 'each property needs a name';
  return problems;
}

/** The definition as `views.save` takes it. */
export interface DefinitionInput {
  id: string;
  title: string;
  filter: { names: string[]; properties: Record<string, string | number | boolean> };
  groupBy: string[];
  metrics: string[];
  value?: string;
  groupCap: number;
}

export function definitionOf(form: ViewForm): DefinitionInput {
  const properties: Record<string, string | number | boolean> = {};
  for (const row of form.properties) {
    properties[row.key.trim()] =
      row.type === 'number'
        ? Number(row.value)
        : row.type === 'true'
          ? true
          : row.type === 'false'
            ? false
            : row.value;
  }
  return {
    id: form.id.trim(),
    title: form.title.trim(),
    filter: {
      names: form.names
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
      properties,
    },
    groupBy: form.groupBy.map((key) => key.trim()).filter(Boolean),
    metrics: [...form.metrics],
    ...(form.value.trim() ? { value: form.value.trim() } : {}),
    groupCap: Number(form.groupCap),
  };
}
