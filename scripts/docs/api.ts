/**
 * The public API as data: every export reachable from "nabla" (src/index.ts) and "nabla/node"
 * (src/node.ts), with its doc comment, signatures and members, read with the TypeScript compiler
 * API (ts-morph bundles TypeScript 6; TypeScript 7, which builds the package, has no JS API).
 * Both the API reference pages and the doc-comment check are built from this one walk.
 */
import { Node, Project, type JSDoc, type SourceFile } from "ts-morph";
import { relative, resolve } from "node:path";

export type EntryKind = "function" | "class" | "interface" | "type" | "const" | "enum";

/** One member of a class or interface: a constructor, method, property or accessor. */
export interface ApiMember {
  name: string;
  kind: "constructor" | "method" | "property" | "accessor";
  signatures: string[];
  doc: string;
  static: boolean;
}

/** One exported declaration, under its canonical qualified name. */
export interface ApiEntry {
  /** The module it is documented in: "nabla", "nn", "nn.functional", "nabla/node", … */
  module: string;
  name: string;
  kind: EntryKind;
  /** The doc comment's text ("" when there is none). */
  doc: string;
  signatures: string[];
  members: ApiMember[];
  /** Repository-relative path and 1-based line of the declaration. */
  file: string;
  line: number;
  /** Other names it is exported under ("fit" for train.fit). */
  aliases: string[];
}

/** A module of the public API: the package root, a namespace such as `nn.init`, or "nabla/node". */
export interface ApiModule {
  name: string;
  /** The header comment of the module's index file. */
  doc: string;
  file: string;
  entries: ApiEntry[];
  /** Other names of the same namespace (`nn.F` for `nn.functional`). */
  aliases: string[];
}

const ENTRY_POINTS: [string, string][] = [["nabla", "src/index.ts"], ["nabla/node", "src/node.ts"]];

/** How far a name is from the root: namespaced names are preferred as the canonical one (train.fit over fit). */
const depth = (qualified: string): number => qualified.split(".").length;

/** Loads the program and returns the public API, module by module. */
export function collectApi(root = process.cwd()): ApiModule[] {
  const project = new Project({ tsConfigFilePath: resolve(root, "tsconfig.json"), skipAddingFilesFromTsConfig: true });
  const entries = ENTRY_POINTS.map(([name, path]) => [name, project.addSourceFileAtPath(resolve(root, path))] as const);
  project.resolveSourceFileDependencies();
  const rel = (sf: SourceFile): string => relative(root, sf.getFilePath());

  const modules = new Map<string, ApiModule>();
  const moduleOfFile = new Map<SourceFile, ApiModule>();
  // Every (qualified name, declaration) pair, before choosing each declaration's canonical name.
  const seen = new Map<Node, { names: string[]; decls: Node[] }>();

  const walk = (moduleName: string, sf: SourceFile, isRoot: boolean): void => {
    const known = moduleOfFile.get(sf);
    if (known && !isRoot) {
      known.aliases.push(moduleName);
      return;
    }
    const mod: ApiModule = { name: moduleName, doc: headerDoc(sf), file: rel(sf), entries: [], aliases: [] };
    modules.set(moduleName, mod);
    if (!isRoot || moduleName === "nabla") moduleOfFile.set(sf, mod);
    const namespaces: [string, SourceFile][] = [];
    for (const [name, decls] of sf.getExportedDeclarations()) {
      const first = decls[0];
      if (!first) continue;
      if (Node.isSourceFile(first)) {
        namespaces.push([moduleName === "nabla" ? name : `${moduleName}.${name}`, first]);
        continue;
      }
      const key = first;
      const qualified = moduleName === "nabla" ? name : moduleName === "nabla/node" ? `nabla/node:${name}` : `${moduleName}.${name}`;
      const rec = seen.get(key) ?? { names: [], decls };
      rec.names.push(qualified);
      seen.set(key, rec);
    }
    for (const [name, file] of namespaces) walk(name, file, false);
  };
  for (const [name, sf] of entries) walk(name, sf, true);

  for (const { names, decls } of seen.values()) {
    // The canonical name: the most namespaced one; "nabla/node" names only when there is no other.
    const ranked = [...names].sort((a, b) => rank(b) - rank(a));
    const canonical = ranked[0]!;
    const [moduleName, name] = split(canonical);
    const mod = modules.get(moduleName)!;
    const decl = decls[0]!;
    mod.entries.push({
      module: moduleName,
      name,
      kind: kindOf(decl),
      doc: docOf(decls),
      signatures: signaturesOf(decls, name),
      members: membersOf(decl),
      file: rel(decl.getSourceFile()),
      line: decl.getStartLineNumber(),
      aliases: ranked.slice(1).map(display),
    });
  }
  for (const m of modules.values()) m.entries.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.name.localeCompare(b.name));
  return [...modules.values()].filter((m) => m.entries.length > 0 || m.aliases.length > 0 || m.name === "nabla");
}

const KIND_ORDER: EntryKind[] = ["class", "function", "const", "enum", "interface", "type"];

function rank(q: string): number {
  return q.startsWith("nabla/node:") ? 0 : depth(q);
}

/** "nn.init.zeros" → ["nn.init", "zeros"]; "fit" → ["nabla", "fit"]; "nabla/node:readCsv" → ["nabla/node", "readCsv"]. */
function split(q: string): [string, string] {
  if (q.startsWith("nabla/node:")) return ["nabla/node", q.slice("nabla/node:".length)];
  const i = q.lastIndexOf(".");
  return i < 0 ? ["nabla", q] : [q.slice(0, i), q.slice(i + 1)];
}

/** How a qualified name reads in the docs: `fit` is imported from "nabla", `readCsv` from "nabla/node". */
export function display(q: string): string {
  return q.startsWith("nabla/node:") ? `${q.slice("nabla/node:".length)} (nabla/node)` : q;
}

function kindOf(d: Node): EntryKind {
  if (Node.isClassDeclaration(d)) return "class";
  if (Node.isFunctionDeclaration(d)) return "function";
  if (Node.isInterfaceDeclaration(d)) return "interface";
  if (Node.isTypeAliasDeclaration(d)) return "type";
  if (Node.isEnumDeclaration(d)) return "enum";
  if (Node.isVariableDeclaration(d)) {
    const init = d.getInitializer();
    return init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init)) ? "function" : "const";
  }
  return "const";
}

function jsDocsOf(d: Node): JSDoc[] {
  if (Node.isVariableDeclaration(d)) return d.getVariableStatement()?.getJsDocs() ?? [];
  if (Node.isJSDocable(d)) return d.getJsDocs();
  return [];
}

/** The text of the doc comment nearest the declaration (any overload's, for overloaded functions). */
function docOf(decls: Node[]): string {
  for (const d of decls) {
    const docs = jsDocsOf(d);
    const text = docs.length ? cleanDoc(docs[docs.length - 1]!.getInnerText()) : "";
    if (text) return text;
  }
  return "";
}

/** A comment's text without its `/**`, `*` margins and closing. */
export function cleanDoc(inner: string): string {
  return inner
    .replace(/^\/\*\*\s?/, "")
    .replace(/\s*\*\/$/, "")
    .split("\n")
    .map((l) => l.replace(/^\s*\* ?/, ""))
    .join("\n")
    .trim();
}

/** The header comment of a module file: the first `/** … *\/` before any code. */
function headerDoc(sf: SourceFile): string {
  const m = /^\s*\/\*\*([\s\S]*?)\*\//.exec(sf.getFullText());
  return m ? cleanDoc(`/**${m[1]}*/`) : "";
}

const oneLine = (s: string): string => s.replace(/\s*\n\s*/g, " ").replace(/\s+/g, " ").trim();

function signaturesOf(decls: Node[], name: string): string[] {
  const out: string[] = [];
  for (const d of decls) {
    if (Node.isFunctionDeclaration(d)) {
      // The implementation of an overloaded function is not part of its public type.
      if (d.getOverloads().length > 0 && d.hasBody()) {
        for (const o of d.getOverloads()) out.push(functionText(name, o));
      } else out.push(functionText(name, d));
    } else if (Node.isClassDeclaration(d)) {
      const head = [d.isAbstract() ? "abstract class" : "class", name + typeParams(d)];
      const ext = d.getExtends();
      if (ext) head.push("extends", oneLine(ext.getText()));
      const impl = d.getImplements();
      if (impl.length) head.push("implements", impl.map((i) => oneLine(i.getText())).join(", "));
      out.push(head.join(" "));
    } else if (Node.isInterfaceDeclaration(d)) {
      const ext = d.getExtends();
      out.push(`interface ${name}${typeParams(d)}${ext.length ? ` extends ${ext.map((e) => oneLine(e.getText())).join(", ")}` : ""}`);
    } else if (Node.isTypeAliasDeclaration(d)) {
      out.push(`type ${name}${typeParams(d)} = ${oneLine(d.getTypeNode()?.getText() ?? d.getType().getText(d))}`);
    } else if (Node.isEnumDeclaration(d)) {
      out.push(`enum ${name} { ${d.getMembers().map((m) => m.getName()).join(", ")} }`);
    } else if (Node.isVariableDeclaration(d)) {
      const init = d.getInitializer();
      if (init && (Node.isArrowFunction(init) || Node.isFunctionExpression(init))) {
        const tp = init.getTypeParameters().map((t) => t.getText()).join(", ");
        const ret = init.getReturnTypeNode()?.getText() ?? init.getReturnType().getText(init);
        out.push(oneLine(`function ${name}${tp ? `<${tp}>` : ""}(${init.getParameters().map((p) => p.getText()).join(", ")}): ${ret}`));
      } else {
        const typeNode = d.getTypeNode();
        out.push(`const ${name}: ${oneLine(typeNode ? typeNode.getText() : shortType(d))}`);
      }
    }
  }
  return out;
}

/** A variable's inferred type, shortened when it is a long object literal type. */
function shortType(d: Node): string {
  const t = d.getType().getText(d);
  return t.length > 240 ? `${t.slice(0, 237)}…` : t;
}

function typeParams(d: Node): string {
  if (!Node.isTypeParametered(d)) return "";
  const tps = d.getTypeParameters();
  return tps.length ? `<${tps.map((t) => oneLine(t.getText())).join(", ")}>` : "";
}

function functionText(name: string, f: Node): string {
  if (!Node.isFunctionLikeDeclaration(f) && !Node.isFunctionDeclaration(f)) return name;
  const params = f.getParameters().map((p) => oneLine(p.getText())).join(", ");
  const ret = f.getReturnTypeNode()?.getText() ?? f.getReturnType().getText(f);
  return oneLine(`function ${name}${typeParams(f)}(${params}): ${ret}`);
}

function memberDoc(m: Node): string {
  return Node.isJSDocable(m) ? docOf([m]) : "";
}

function isPublic(m: Node): boolean {
  if (Node.isModifierable(m)) {
    if (m.hasModifier("private") || m.hasModifier("protected")) return false;
  }
  const name = (m as unknown as { getName?: () => string }).getName?.();
  return !(typeof name === "string" && name.startsWith("#"));
}

function membersOf(d: Node): ApiMember[] {
  const out: ApiMember[] = [];
  if (Node.isClassDeclaration(d)) {
    for (const c of d.getConstructors()) {
      if (!isPublic(c)) continue;
      const sigs = c.getOverloads().length ? c.getOverloads() : [c];
      out.push({
        name: "constructor", kind: "constructor", static: false, doc: memberDoc(c),
        signatures: sigs.map((s) => oneLine(`new ${d.getName() ?? ""}(${s.getParameters().filter((p) => !p.isParameterProperty() || true).map((p) => p.getText().replace(/^(readonly|public|private|protected)\s+/, "")).join(", ")})`)),
      });
    }
    for (const m of d.getMembers()) {
      if (!isPublic(m) || Node.isConstructorDeclaration(m) || Node.isClassStaticBlockDeclaration(m)) continue;
      const isStatic = Node.isStaticable(m) && m.isStatic();
      if (Node.isMethodDeclaration(m)) {
        if (m.getOverloads().length && m.hasBody()) continue; // listed through its overloads
        const sigs = m.getOverloads().length ? m.getOverloads() : [m];
        out.push({
          name: m.getName(), kind: "method", static: isStatic, doc: memberDoc(m),
          signatures: sigs.map((s) => oneLine(`${m.getName()}${typeParams(s)}(${s.getParameters().map((p) => p.getText()).join(", ")}): ${s.getReturnTypeNode()?.getText() ?? s.getReturnType().getText(s)}`)),
        });
      } else if (Node.isPropertyDeclaration(m)) {
        const type = m.getTypeNode()?.getText() ?? m.getType().getText(m);
        out.push({
          name: m.getName(), kind: "property", static: isStatic, doc: memberDoc(m),
          signatures: [oneLine(`${m.isReadonly() ? "readonly " : ""}${m.getName()}${m.hasQuestionToken() ? "?" : ""}: ${type}`)],
        });
      } else if (Node.isGetAccessorDeclaration(m)) {
        out.push({
          name: m.getName(), kind: "accessor", static: isStatic, doc: memberDoc(m),
          signatures: [oneLine(`get ${m.getName()}(): ${m.getReturnTypeNode()?.getText() ?? m.getReturnType().getText(m)}`)],
        });
      }
    }
  } else if (Node.isInterfaceDeclaration(d)) {
    for (const m of d.getMembers()) {
      if (Node.isPropertySignature(m)) {
        out.push({
          name: m.getName(), kind: "property", static: false, doc: memberDoc(m),
          signatures: [oneLine(`${m.isReadonly() ? "readonly " : ""}${m.getName()}${m.hasQuestionToken() ? "?" : ""}: ${m.getTypeNode()?.getText() ?? "unknown"}`)],
        });
      } else if (Node.isMethodSignature(m)) {
        out.push({
          name: m.getName(), kind: "method", static: false, doc: memberDoc(m),
          signatures: [oneLine(`${m.getName()}(${m.getParameters().map((p) => p.getText()).join(", ")}): ${m.getReturnTypeNode()?.getText() ?? "void"}`)],
        });
      }
    }
  }
  return out;
}

/** An export without a doc comment, where to add one. */
export interface MissingDoc {
  name: string;
  kind: EntryKind;
  file: string;
  line: number;
}

/** Every public export (each declaration once) whose declaration has no doc comment. */
export function missingDocs(modules: readonly ApiModule[]): MissingDoc[] {
  const out: MissingDoc[] = [];
  for (const m of modules) {
    for (const e of m.entries) {
      if (e.doc.trim() === "") out.push({ name: qualifiedName(e), kind: e.kind, file: e.file, line: e.line });
    }
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** The name a reader uses: `nn.Linear`, `fit`… (`readCsv (nabla/node)` for Node-only exports). */
export function qualifiedName(e: ApiEntry): string {
  if (e.module === "nabla") return e.name;
  if (e.module === "nabla/node") return `${e.name} (nabla/node)`;
  return `${e.module}.${e.name}`;
}
