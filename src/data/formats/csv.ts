/**
 * CSV to tensors (browser-safe): RFC 4180 fields (quotes, "" escapes, delimiters and newlines inside
 * quotes, CRLF). Every value must be a number except in the label column, which is label-encoded
 * when it holds text. Errors name the 1-based line in the file and the column (name and index).
 */
import { Tensor } from "../../tensor/index.js";
import { LabelEncoder } from "../transforms/encoding.js";

/** Options of `parseCsv` (and `readCsv`): header, label column, delimiter and the name used in errors. */
export interface ParseCsvOptions {
  /** The first record holds the column names (default true). */
  header?: boolean;
  /** The label column, by name (needs a header) or index (negative counts from the end); none when omitted. */
  labelColumn?: string | number;
  /** Field separator (default ","). */
  delimiter?: string;
  /** What to call the input in error messages (default "parseCsv"; readCsv passes the file path). */
  source?: string;
}

/** What `parseCsv` returns: the features x, the labels y, the column names and, for text labels, the class names. */
export interface CsvData {
  /** The feature columns, shape [rows, features]. */
  x: Tensor;
  /** The label column, shape [rows]; null when no labelColumn was given. */
  y: Tensor | null;
  /** Names of the feature columns of x, in order (header names, or "column 0", … without a header). */
  columns: string[];
  /** Name of the label column, when there is one. */
  labelName?: string;
  /** When the label column holds text: the classes, y holding indices into this list (sorted, as LabelEncoder). */
  labelNames?: string[];
}

interface Row {
  fields: string[];
  line: number;
}

/** Splits text into records of fields, remembering the line each record starts on; blank lines are skipped. */
function records(text: string, delimiter: string, where: string): Row[] {
  const rows: Row[] = [];
  const len = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte-order mark
  let line = 1;
  const d0 = delimiter.charCodeAt(0);
  const atDelimiter = delimiter.length === 1 ? (j: number): boolean => text.charCodeAt(j) === d0 : (j: number): boolean => text.startsWith(delimiter, j);
  while (i < len) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      // one field: unquoted up to the next delimiter or end of line, or quoted with "" as an escaped quote
      let field: string;
      let j = i;
      while (j < len && (text[j] === " " || text[j] === "\t") && !atDelimiter(j)) j++;
      if (text[j] === '"') {
        field = "";
        let k = j + 1;
        for (;;) {
          const q = text.indexOf('"', k);
          if (q < 0) throw new SyntaxError(`${where}: line ${start}: a quoted field is not closed before the end of the file`);
          field += text.slice(k, q);
          if (text[q + 1] === '"') { field += '"'; k = q + 2; } else { k = q + 1; break; }
        }
        for (let m = j; m < k; m++) if (text.charCodeAt(m) === 10) line++;
        i = k;
        while (i < len && !atDelimiter(i) && text[i] !== "\n" && text[i] !== "\r") field += text[i++];
      } else {
        j = i;
        for (let c = text.charCodeAt(j); j < len && c !== 10 && c !== 13 && !atDelimiter(j); c = text.charCodeAt(++j));
        field = text.slice(i, j);
        i = j;
      }
      fields.push(field);
      if (i < len && atDelimiter(i)) {
        i += delimiter.length;
        continue;
      }
      break;
    }
    if (i < len) {
      i += text[i] === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line++;
    }
    if (!(fields.length === 1 && fields[0]!.trim() === "")) rows.push({ fields, line: start });
  }
  return rows;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const SPECIAL: Record<string, number> = { nan: NaN, inf: Infinity, "+inf": Infinity, "-inf": -Infinity, infinity: Infinity, "+infinity": Infinity, "-infinity": -Infinity };

/** The number in a field, or undefined when it is not one ("", text). */
function toNumber(field: string): number | undefined {
  const s = field.trim();
  if (NUMBER.test(s)) return Number(s);
  return SPECIAL[s.toLowerCase()];
}

/**
 * Parses CSV text into a feature tensor x [rows, features] and an optional label tensor y [rows].
 * A label column of numbers is kept as is; one with any text is label-encoded (labelNames).
 */
export function parseCsv(text: string, options: ParseCsvOptions = {}): CsvData {
  const { header = true, labelColumn, delimiter = ",", source } = options;
  const where = source ?? "parseCsv";
  if (typeof delimiter !== "string" || delimiter.length === 0 || delimiter === '"' || /[\r\n]/.test(delimiter)) {
    throw new RangeError(`${where}: delimiter must be a non-empty string without quotes or newlines, got ${JSON.stringify(delimiter)}`);
  }
  const rows = records(text, delimiter, where);
  if (rows.length === 0) throw new RangeError(`${where}: no rows (the text is empty)`);
  const width = rows[0]!.fields.length;
  const names = header ? rows[0]!.fields.map((f) => f.trim()) : Array.from({ length: width }, (_, j) => `column ${j}`);
  const body = header ? rows.slice(1) : rows;
  const col = (j: number): string => (header ? `column "${names[j]}" (index ${j})` : `column ${j}`);

  let label = -1;
  if (labelColumn !== undefined && labelColumn !== null) {
    if (typeof labelColumn === "number") {
      label = labelColumn < 0 ? labelColumn + width : labelColumn;
      if (!Number.isInteger(labelColumn) || label < 0 || label >= width) {
        throw new RangeError(`${where}: labelColumn ${labelColumn} is out of range for ${width} columns`);
      }
    } else {
      if (!header) throw new RangeError(`${where}: labelColumn "${labelColumn}" is a name, which needs header: true; give an index instead`);
      label = names.indexOf(labelColumn);
      if (label < 0) throw new RangeError(`${where}: no column named "${labelColumn}" (columns: ${names.join(", ")})`);
    }
  }

  const features = names.map((_, j) => j).filter((j) => j !== label);
  const n = body.length;
  const x = new Float32Array(n * features.length);
  const labelText: string[] = [];
  const labelNums = new Float32Array(n);
  let labelIsText = false;
  body.forEach(({ fields, line }, i) => {
    if (fields.length !== width) {
      const detail = fields.length < width ? `${col(fields.length)} is missing` : `extra field at column index ${width}`;
      throw new RangeError(`${where}: line ${line}: ragged row with ${fields.length} fields, expected ${width}; ${detail}`);
    }
    features.forEach((j, k) => {
      const v = toNumber(fields[j]!);
      if (v === undefined) throw new RangeError(`${where}: line ${line}, ${col(j)}: ${badValue(fields[j]!)}`);
      x[i * features.length + k] = v;
    });
    if (label >= 0) {
      const raw = fields[label]!.trim();
      if (raw === "") throw new RangeError(`${where}: line ${line}, ${col(label)}: missing value (empty label)`);
      labelText.push(raw);
      const v = toNumber(raw);
      if (v === undefined) labelIsText = true;
      else labelNums[i] = v;
    }
  });

  const out: CsvData = { x: new Tensor(x, [n, features.length]), y: null, columns: features.map((j) => names[j]!) };
  if (label >= 0) {
    out.labelName = names[label];
    if (labelIsText) {
      const enc = new LabelEncoder().fit(labelText);
      out.y = enc.transform(labelText);
      out.labelNames = enc.classes as string[];
    } else {
      out.y = new Tensor(labelNums, [n]);
    }
  }
  return out;
}

function badValue(field: string): string {
  if (field.trim() === "") return "missing value (empty field)";
  const shown = field.length > 40 ? `${field.slice(0, 40)}…` : field;
  return `text ${JSON.stringify(shown)} in a number column (expected a number)`;
}
