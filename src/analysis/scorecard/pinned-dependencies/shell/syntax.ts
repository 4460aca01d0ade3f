/**
 * The shell parser, loaded on first use. Scripts are parsed with `mvdan-sh`, the JavaScript build of
 * mvdan.cc/sh — the same Go parser OpenSSF Scorecard uses — so a script parses (or fails to parse) here exactly
 * when it does for Scorecard, and the tree has the same shape (CallExpr, BinaryCmd, ProcSubst, Redirect...).
 * Alternatives weighed: `sh-syntax` (mvdan/sh as wasm) hands back only statement positions, not the command
 * tree, and instantiates its wasm per call; tree-sitter-bash needs a native or wasm runtime and parses a
 * different grammar from Scorecard's; `bash-parser` is unmaintained and rejects common bash. mvdan-sh is pure
 * JavaScript with no dependencies and no network or files at run time; it is large (1.5 MB, ~0.2 s to load),
 * so it is imported dynamically, only when a script that can matter is found (see `mayMatter` in scan.ts), and
 * never by the API.
 */

export interface ShPos {
  Line(): number;
  Offset(): number;
}

/** Every node of the tree; the fields read here are typed in the narrower interfaces below. */
export interface ShNode {
  Pos(): ShPos;
  End(): ShPos;
}

export interface ShWord extends ShNode {
  Parts: ShNode[];
}
export interface ShLit extends ShNode {
  Value: string;
}
export interface ShSglQuoted extends ShNode {
  Value: string;
}
export interface ShDblQuoted extends ShNode {
  Parts: ShNode[];
}
export interface ShCallExpr extends ShNode {
  Args: ShWord[];
}
export interface ShRedirect extends ShNode {
  Op: number;
  Word: ShWord | null;
}
export interface ShStmt extends ShNode {
  Cmd: ShNode | null;
  Redirs: ShRedirect[];
}
export interface ShBinaryCmd extends ShNode {
  Op: number;
  X: ShStmt;
  Y: ShStmt;
}
export interface ShProcSubst extends ShNode {
  Op: number;
  Stmts: ShStmt[];
}

/** Node types by their Go names, as mvdan-sh's NodeType reports them ('CallExpr', 'BinaryCmd', 'Lit', ...). */
export type ShNodeType = string;

export interface ShellSyntax {
  /** The parsed file, or the parser's message (`line:col: reason`) when the script is not valid shell. */
  parse(script: string): { file: ShNode } | { error: string };
  /** Visits every node depth-first, parents before children, as syntax.Walk. */
  walk(root: ShNode, visit: (node: ShNode) => void): void;
  type(node: ShNode): ShNodeType;
  /** Operator codes of this build of the parser (they are Go token constants, so they are read from the parser). */
  readonly ops: { readonly pipe: number; readonly redirectOut: number; readonly procSubstIn: number };
}

interface MvdanSyntax {
  NewParser(): { Parse(src: string, name: string): ShNode };
  Walk(node: ShNode, fn: (node: ShNode | null) => boolean): void;
  NodeType(node: ShNode): string;
}

let loading: Promise<ShellSyntax> | null = null;

export function loadShellSyntax(): Promise<ShellSyntax> {
  loading ??= load();
  return loading;
}

async function load(): Promise<ShellSyntax> {
  // The GopherJS runtime sets `globalThis.require` while it starts; put back what was there so other code's
  // environment checks (`typeof require`) do not change because the parser was loaded.
  const scope = globalThis as { require?: unknown };
  const hadRequire = Object.prototype.hasOwnProperty.call(scope, 'require');
  const previousRequire = scope.require;
  // mvdan-sh ships no types: the specifier is a variable so TypeScript types the module as unknown-shaped, and
  // it is narrowed to the interfaces above.
  const specifier = 'mvdan-sh';
  const module = (await import(specifier)) as { default: { syntax: MvdanSyntax } };
  if (hadRequire) scope.require = previousRequire;
  else delete scope.require;
  const syntax = module.default.syntax;
  const parser = syntax.NewParser();
  const base = {
    walk(root: ShNode, visit: (node: ShNode) => void): void {
      syntax.Walk(root, (node) => {
        if (node) visit(node);
        return true;
      });
    },
    type: (node: ShNode): string => syntax.NodeType(node),
  };
  // Calibrate the operator codes on tiny probes rather than hard-coding Go's token numbering.
  const first = (script: string, type: string): ShNode => {
    let found: ShNode | null = null;
    base.walk(parser.Parse(script, ''), (node) => {
      if (!found && base.type(node) === type) found = node;
    });
    if (!found) throw new Error(`shell parser: no ${type} in probe`);
    return found;
  };
  const ops = {
    pipe: (first('a | b', 'BinaryCmd') as ShBinaryCmd).Op,
    redirectOut: (first('a > b', 'Redirect') as ShRedirect).Op,
    procSubstIn: (first('a <(b)', 'ProcSubst') as ShProcSubst).Op,
  };
  return {
    ...base,
    ops,
    parse(script: string) {
      try {
        return { file: parser.Parse(script, '') };
      } catch (err) {
        return { error: parseMessage(err) };
      }
    },
  };
}

/** mvdan-sh throws a wrapped Go error value with an `Error()` method, not a JavaScript Error. */
function parseMessage(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const wrapped = err as { Error?: unknown; message?: unknown };
    if (typeof wrapped.Error === 'function') return String((wrapped.Error as () => unknown).call(err));
    if (typeof wrapped.message === 'string') return wrapped.message;
  }
  return String(err);
}
