// The subset of KQL plaudit's collector sends to Resource Graph: a table, `where` clauses over columns
// with =~ == != !~ in~ in !in~ startswith contains endswith isnull() isnotnull(), and/or/not,
// parentheses, and `order by <column> [asc|desc]`. Anything else is rejected, so drift between the
// collector and this fake shows up as a 400 rather than a silently wrong answer.

export interface ParsedQuery {
  table: string;
  where: Expr[];
  orderBy?: { column: string; descending: boolean };
}

export type Expr =
  | { kind: 'and' | 'or'; left: Expr; right: Expr }
  | { kind: 'not'; expr: Expr }
  | { kind: 'null'; column: string; negate: boolean }
  | { kind: 'compare'; column: string; op: string; values: string[] };

export class KqlError extends Error {
  override readonly name = 'KqlError';
}

type Token = { type: 'string' | 'word' | 'op' | 'punct'; value: string };

const TOKEN =
  /\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(!in~|in~|=~|!~|==|!=)|([()|,.])|([A-Za-z_][A-Za-z0-9_]*))/y;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    if (/^\s*$/.test(text.slice(start))) {
      break;
    }
    const match = TOKEN.exec(text);
    if (!match) {
      throw new KqlError(`unexpected text at ${start}: ${text.slice(start, start + 20)}`);
    }
    if (match[1] !== undefined || match[2] !== undefined) {
      tokens.push({ type: 'string', value: (match[1] ?? match[2] ?? '').replace(/\\(.)/g, '$1') });
    } else if (match[3] !== undefined) {
      tokens.push({ type: 'op', value: match[3] });
    } else if (match[4] !== undefined) {
      tokens.push({ type: 'punct', value: match[4] });
    } else {
      tokens.push({ type: 'word', value: match[5] ?? '' });
    }
  }
  return tokens;
}

export function parseQuery(text: string): ParsedQuery {
  const tokens = tokenize(text);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const next = (): Token => {
    const token = tokens[position++];
    if (!token) {
      throw new KqlError('unexpected end of query');
    }
    return token;
  };
  const expectWord = (word: string): void => {
    const token = next();
    if (token.type !== 'word' || token.value.toLowerCase() !== word) {
      throw new KqlError(`expected ${word}, found ${token.value}`);
    }
  };
  const expectPunct = (punct: string): void => {
    const token = next();
    if (token.type !== 'punct' || token.value !== punct) {
      throw new KqlError(`expected ${punct}, found ${token.value}`);
    }
  };
  const isWord = (word: string): boolean => {
    const token = peek();
    return token?.type === 'word' && token.value.toLowerCase() === word;
  };
  const column = (): string => {
    const parts = [next()];
    while (peek()?.type === 'punct' && peek()?.value === '.') {
      position += 1;
      parts.push(next());
    }
    if (parts.some((part) => part.type !== 'word')) {
      throw new KqlError('expected a column name');
    }
    return parts.map((part) => part.value).join('.');
  };
  const stringValue = (): string => {
    const token = next();
    if (token.type !== 'string') {
      throw new KqlError(`expected a string, found ${token.value}`);
    }
    return token.value;
  };

  const primary = (): Expr => {
    if (peek()?.type === 'punct' && peek()?.value === '(') {
      position += 1;
      const inner = orExpr();
      expectPunct(')');
      return inner;
    }
    if (isWord('not')) {
      position += 1;
      expectPunct('(');
      const inner = orExpr();
      expectPunct(')');
      return { kind: 'not', expr: inner };
    }
    if (isWord('isnull') || isWord('isnotnull')) {
      const negate = next().value.toLowerCase() === 'isnotnull';
      expectPunct('(');
      const name = column();
      expectPunct(')');
      return { kind: 'null', column: name, negate };
    }
    const name = column();
    const opToken = next();
    const op = opToken.value.toLowerCase();
    if (opToken.type === 'op' && (op === 'in~' || op === '!in~')) {
      expectPunct('(');
      const values = [stringValue()];
      while (peek()?.value === ',') {
        position += 1;
        values.push(stringValue());
      }
      expectPunct(')');
      return { kind: 'compare', column: name, op, values };
    }
    if (opToken.type === 'word' && op === 'in') {
      expectPunct('(');
      const values = [stringValue()];
      while (peek()?.value === ',') {
        position += 1;
        values.push(stringValue());
      }
      expectPunct(')');
      return { kind: 'compare', column: name, op, values };
    }
    if (opToken.type === 'op' || ['startswith', 'endswith', 'contains'].includes(op)) {
      return { kind: 'compare', column: name, op, values: [stringValue()] };
    }
    throw new KqlError(`unsupported operator ${opToken.value}`);
  };
  const andExpr = (): Expr => {
    let left = primary();
    while (isWord('and')) {
      position += 1;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const orExpr = (): Expr => {
    let left = andExpr();
    while (isWord('or')) {
      position += 1;
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  };

  const tableToken = next();
  if (tableToken.type !== 'word') {
    throw new KqlError('a query starts with a table name');
  }
  const query: ParsedQuery = { table: tableToken.value.toLowerCase(), where: [] };
  while (peek()) {
    expectPunct('|');
    if (isWord('where')) {
      position += 1;
      query.where.push(orExpr());
    } else if (isWord('order') || isWord('sort')) {
      position += 1;
      expectWord('by');
      const name = column();
      let descending = true; // KQL sorts descending unless told otherwise
      if (isWord('asc') || isWord('desc')) {
        descending = next().value.toLowerCase() === 'desc';
      }
      query.orderBy = { column: name, descending };
    } else {
      throw new KqlError(`unsupported operator ${peek()?.value ?? ''}`);
    }
  }
  return query;
}

/** Evaluates one row; `columnOf` resolves a dotted column (properties.x) to its value. */
export function matches(expr: Expr, columnOf: (column: string) => unknown): boolean {
  switch (expr.kind) {
    case 'and':
      return matches(expr.left, columnOf) && matches(expr.right, columnOf);
    case 'or':
      return matches(expr.left, columnOf) || matches(expr.right, columnOf);
    case 'not':
      return !matches(expr.expr, columnOf);
    case 'null': {
      const value = columnOf(expr.column);
      const isNull = value === undefined || value === null;
      return expr.negate ? !isNull : isNull;
    }
    case 'compare': {
      const raw = columnOf(expr.column);
      const value = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : JSON.stringify(raw);
      const lower = value.toLowerCase();
      const values = expr.values;
      switch (expr.op) {
        case '=~':
          return lower === values[0]!.toLowerCase();
        case '!~':
          return lower !== values[0]!.toLowerCase();
        case '==':
          return value === values[0];
        case '!=':
          return value !== values[0];
        case 'in~':
          return values.some((v) => v.toLowerCase() === lower);
        case '!in~':
          return !values.some((v) => v.toLowerCase() === lower);
        case 'in':
          return values.includes(value);
        case 'startswith':
          return lower.startsWith(values[0]!.toLowerCase());
        case 'endswith':
          return lower.endsWith(values[0]!.toLowerCase());
        case 'contains':
          return lower.includes(values[0]!.toLowerCase());
        default:
          throw new KqlError(`unsupported operator ${expr.op}`);
      }
    }
  }
}
