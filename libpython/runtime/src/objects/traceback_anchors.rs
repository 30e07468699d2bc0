//! The secondary carets of 3.11 tracebacks (`~~~^~~~`): when the failing expression is a
//! binary operation or a subscript, CPython parses its source segment and marks the
//! operator (or the `[...]`) with `^` and the rest with `~` (Python/traceback.c,
//! `extract_anchors_from_line`). This is a small parser for that one purpose: it finds the
//! outermost node of an expression statement and the positions CPython's AST gives it (a
//! parenthesized operand's positions exclude its parentheses, a tuple's include them), then
//! places the anchors as 3.11.7 does (its `traceback._extract_caret_anchors_from_line_segment`
//! is the same rule in Python). Anything it cannot parse gets no anchors, as a segment
//! CPython fails to parse gets none.

#[derive(Clone, Copy, PartialEq, Debug)]
enum Tok {
    Name,
    Number,
    Str,
    Op,
}

struct Token {
    kind: Tok,
    text: String,
    start: usize,
    end: usize,
}

/// An expression's extent in the segment (char offsets) and, for the two kinds that get
/// anchors, the inner positions.
#[derive(Clone, Copy)]
struct Node {
    start: usize,
    end: usize,
    shape: Shape,
}

#[derive(Clone, Copy)]
enum Shape {
    Other,
    BinOp { left_end: usize, right_start: usize },
    Subscript { value_end: usize, slice_end: usize },
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || c == '\x0c'
}

fn tokenize(s: &[char]) -> Option<Vec<Token>> {
    const OPS: [&str; 46] = [
        "**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
        "@=", "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".",
    ];
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        if is_space(c) || c == '\n' || c == '\r' {
            i += 1;
            continue;
        }
        if c == '#' {
            break;
        }
        let start = i;
        if c.is_alphabetic() || c == '_' {
            while i < s.len() && (s[i].is_alphanumeric() || s[i] == '_') {
                i += 1;
            }
            let word: String = s[start..i].iter().collect();
            if i < s.len() && (s[i] == '\'' || s[i] == '"') && word.len() <= 3 && word.chars().all(|p| "rRbBuUfF".contains(p)) {
                i = string_end(s, i)?;
                out.push(Token { kind: Tok::Str, text: String::new(), start, end: i });
            } else {
                out.push(Token { kind: Tok::Name, text: word, start, end: i });
            }
            continue;
        }
        if c.is_ascii_digit() || (c == '.' && s.get(i + 1).is_some_and(|d| d.is_ascii_digit())) {
            let radix = c == '0' && s.get(i + 1).is_some_and(|x| "xXoObB".contains(*x));
            i += 1;
            while i < s.len() {
                let d = s[i];
                let exp_sign = !radix && (d == '+' || d == '-') && "eE".contains(s[i - 1]);
                if d.is_ascii_alphanumeric() || d == '_' || d == '.' || exp_sign {
                    i += 1;
                } else {
                    break;
                }
            }
            out.push(Token { kind: Tok::Number, text: String::new(), start, end: i });
            continue;
        }
        if c == '\'' || c == '"' {
            i = string_end(s, i)?;
            out.push(Token { kind: Tok::Str, text: String::new(), start, end: i });
            continue;
        }
        let rest: String = s[i..(i + 3).min(s.len())].iter().collect();
        // A lone `=` or `!` (an assignment, invalid input) is not in OPS: no anchors.
        let op = OPS.iter().find(|op| rest.starts_with(**op))?;
        i += op.chars().count();
        out.push(Token { kind: Tok::Op, text: op.to_string(), start, end: i });
    }
    Some(out)
}

/// The index after the string literal whose opening quote is at `i`.
fn string_end(s: &[char], mut i: usize) -> Option<usize> {
    let q = s[i];
    let triple = s.get(i + 1) == Some(&q) && s.get(i + 2) == Some(&q);
    i += if triple { 3 } else { 1 };
    while i < s.len() {
        if s[i] == '\\' {
            i += 2;
            continue;
        }
        if s[i] == q && (!triple || (s.get(i + 1) == Some(&q) && s.get(i + 2) == Some(&q))) {
            return Some(i + if triple { 3 } else { 1 });
        }
        i += 1;
    }
    None
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
}

type P<T> = Option<T>;

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }
    fn is(&self, text: &str) -> bool {
        self.peek().is_some_and(|t| (t.kind == Tok::Op || t.kind == Tok::Name) && t.text == text)
    }
    fn is_at(&self, k: usize, text: &str) -> bool {
        self.toks.get(self.pos + k).is_some_and(|t| (t.kind == Tok::Op || t.kind == Tok::Name) && t.text == text)
    }
    fn eat(&mut self, text: &str) -> bool {
        if self.is(text) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn last_end(&self) -> usize {
        self.toks[self.pos - 1].end
    }
    fn start(&self) -> P<usize> {
        self.peek().map(|t| t.start)
    }

    /// Skips to the bracket closing the one just consumed; returns its end.
    fn skip_balanced(&mut self) -> P<usize> {
        let mut depth = 1;
        while let Some(t) = self.peek() {
            if t.kind == Tok::Op {
                match t.text.as_str() {
                    "(" | "[" | "{" => depth += 1,
                    ")" | "]" | "}" => depth -= 1,
                    _ => {}
                }
            }
            self.pos += 1;
            if depth == 0 {
                return Some(self.last_end());
            }
        }
        None
    }

    fn expression(&mut self) -> P<Node> {
        let start = self.start()?;
        if self.eat("lambda") {
            while !self.is(":") {
                if self.eat("(") || self.eat("[") || self.eat("{") {
                    self.skip_balanced()?;
                } else {
                    self.pos += 1;
                    self.peek()?;
                }
            }
            self.pos += 1;
            let body = self.expression()?;
            return Some(Node { start, end: body.end, shape: Shape::Other });
        }
        let n = self.disjunction()?;
        if self.eat("if") {
            self.disjunction()?;
            if !self.eat("else") {
                return None;
            }
            let e = self.expression()?;
            return Some(Node { start, end: e.end, shape: Shape::Other });
        }
        Some(n)
    }

    fn named_expression(&mut self) -> P<Node> {
        if self.peek().is_some_and(|t| t.kind == Tok::Name) && self.is_at(1, ":=") {
            let start = self.start()?;
            self.pos += 2;
            let v = self.expression()?;
            return Some(Node { start, end: v.end, shape: Shape::Other });
        }
        self.expression()
    }

    fn star_or_named(&mut self) -> P<Node> {
        let start = self.start()?;
        if self.eat("*") {
            let v = self.bitor()?;
            return Some(Node { start, end: v.end, shape: Shape::Other });
        }
        self.named_expression()
    }

    fn boolean(&mut self, word: &str, next: fn(&mut Self) -> P<Node>) -> P<Node> {
        let first = next(self)?;
        let mut end = first.end;
        let mut any = false;
        while self.eat(word) {
            end = next(self)?.end;
            any = true;
        }
        Some(if any { Node { start: first.start, end, shape: Shape::Other } } else { first })
    }

    fn disjunction(&mut self) -> P<Node> {
        self.boolean("or", Self::conjunction)
    }

    fn conjunction(&mut self) -> P<Node> {
        self.boolean("and", Self::inversion)
    }

    fn inversion(&mut self) -> P<Node> {
        let start = self.start()?;
        if self.eat("not") {
            let v = self.inversion()?;
            return Some(Node { start, end: v.end, shape: Shape::Other });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> P<Node> {
        let first = self.bitor()?;
        let mut end = first.end;
        let mut any = false;
        loop {
            let op = ["==", "!=", "<", "<=", ">", ">=", "in", "is"].iter().any(|o| self.is(o)) || (self.is("not") && self.is_at(1, "in"));
            if !op {
                break;
            }
            if self.eat("not") || self.eat("is") {
                self.eat("in");
                self.eat("not");
            } else {
                self.pos += 1;
            }
            end = self.bitor()?.end;
            any = true;
        }
        Some(if any { Node { start: first.start, end, shape: Shape::Other } } else { first })
    }

    /// One left-associative level of binary operators.
    fn binary(&mut self, ops: &[&str], next: fn(&mut Self) -> P<Node>) -> P<Node> {
        let mut left = next(self)?;
        while self.peek().is_some_and(|t| t.kind == Tok::Op && ops.contains(&t.text.as_str())) {
            self.pos += 1;
            let right = next(self)?;
            left = Node { start: left.start, end: right.end, shape: Shape::BinOp { left_end: left.end, right_start: right.start } };
        }
        Some(left)
    }

    fn bitor(&mut self) -> P<Node> {
        self.binary(&["|"], Self::bitxor)
    }
    fn bitxor(&mut self) -> P<Node> {
        self.binary(&["^"], Self::bitand)
    }
    fn bitand(&mut self) -> P<Node> {
        self.binary(&["&"], Self::shift)
    }
    fn shift(&mut self) -> P<Node> {
        self.binary(&["<<", ">>"], Self::arith)
    }
    fn arith(&mut self) -> P<Node> {
        self.binary(&["+", "-"], Self::term)
    }
    fn term(&mut self) -> P<Node> {
        self.binary(&["*", "/", "//", "%", "@"], Self::factor)
    }

    fn factor(&mut self) -> P<Node> {
        let start = self.start()?;
        if self.eat("+") || self.eat("-") || self.eat("~") {
            let v = self.factor()?;
            return Some(Node { start, end: v.end, shape: Shape::Other });
        }
        self.power()
    }

    fn power(&mut self) -> P<Node> {
        let start = self.start()?;
        let base = if self.eat("await") {
            let v = self.primary()?;
            Node { start, end: v.end, shape: Shape::Other }
        } else {
            self.primary()?
        };
        if self.eat("**") {
            let exp = self.factor()?;
            return Some(Node { start: base.start, end: exp.end, shape: Shape::BinOp { left_end: base.end, right_start: exp.start } });
        }
        Some(base)
    }

    fn primary(&mut self) -> P<Node> {
        let mut n = self.atom()?;
        loop {
            if self.eat(".") {
                if self.peek()?.kind != Tok::Name {
                    return None;
                }
                self.pos += 1;
                n = Node { start: n.start, end: self.last_end(), shape: Shape::Other };
            } else if self.eat("(") {
                let end = self.skip_balanced()?;
                n = Node { start: n.start, end, shape: Shape::Other };
            } else if self.eat("[") {
                let slice = self.slices()?;
                if !self.eat("]") {
                    return None;
                }
                n = Node { start: n.start, end: self.last_end(), shape: Shape::Subscript { value_end: n.end, slice_end: slice.end } };
            } else {
                return Some(n);
            }
        }
    }

    fn slices(&mut self) -> P<Node> {
        let first = self.slice()?;
        if !self.is(",") {
            return Some(first);
        }
        let mut end = first.end;
        while self.eat(",") {
            end = self.last_end();
            if self.is("]") {
                break;
            }
            end = self.slice()?.end;
        }
        Some(Node { start: first.start, end, shape: Shape::Other })
    }

    fn slice(&mut self) -> P<Node> {
        let start = self.start()?;
        if !self.is(":") {
            let e = self.star_or_named()?;
            if !self.is(":") {
                return Some(e);
            }
        }
        // [lower] ':' [upper] [':' [step]]: the node spans the tokens consumed.
        self.eat(":");
        let mut end = self.last_end();
        if !self.is(":") && !self.is("]") && !self.is(",") {
            end = self.expression()?.end;
        }
        if self.eat(":") {
            end = self.last_end();
            if !self.is("]") && !self.is(",") {
                end = self.expression()?.end;
            }
        }
        Some(Node { start, end, shape: Shape::Other })
    }

    fn atom(&mut self) -> P<Node> {
        let t = self.peek()?;
        let (start, end, kind) = (t.start, t.end, t.kind);
        match kind {
            Tok::Name => {
                const KEYWORDS: [&str; 27] = [
                    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from",
                    "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
                ];
                if KEYWORDS.contains(&t.text.as_str()) || ["return", "try", "while", "with", "yield"].contains(&t.text.as_str()) {
                    return None;
                }
                self.pos += 1;
                Some(Node { start, end, shape: Shape::Other })
            }
            Tok::Number => {
                self.pos += 1;
                Some(Node { start, end, shape: Shape::Other })
            }
            Tok::Str => {
                while self.peek().is_some_and(|t| t.kind == Tok::Str) {
                    self.pos += 1;
                }
                Some(Node { start, end: self.last_end(), shape: Shape::Other })
            }
            Tok::Op => {
                self.pos += 1;
                match t_text(&self.toks[self.pos - 1]) {
                    "..." => Some(Node { start, end, shape: Shape::Other }),
                    "[" | "{" => {
                        let end = self.skip_balanced()?;
                        Some(Node { start, end, shape: Shape::Other })
                    }
                    "(" => self.paren(start),
                    _ => None,
                }
            }
        }
    }

    /// After `(`: an empty tuple, a tuple or a generator expression (their positions take
    /// in the parentheses), or a group (the inner expression's positions, parentheses out).
    fn paren(&mut self, start: usize) -> P<Node> {
        if self.eat(")") {
            return Some(Node { start, end: self.last_end(), shape: Shape::Other });
        }
        if self.is("yield") {
            let inner = self.start()?;
            self.skip_balanced()?;
            return Some(Node { start: inner, end: self.toks[self.pos - 2].end, shape: Shape::Other });
        }
        let first = self.star_or_named()?;
        if self.eat(")") {
            return Some(first);
        }
        if self.is(",") || self.is("for") || self.is("async") {
            let end = self.skip_balanced()?;
            return Some(Node { start, end, shape: Shape::Other });
        }
        None
    }
}

fn t_text(t: &Token) -> &str {
    &t.text
}

/// The anchors of the failing expression `segment` (one source line's characters from the
/// start to the end offset): (left, right) char offsets into the segment, `[left, right)`
/// being the part marked `^`. None when CPython would find none.
pub fn anchors(segment: &str) -> Option<(usize, usize)> {
    let chars: Vec<char> = segment.chars().collect();
    let toks = tokenize(&chars)?;
    let mut p = Parser { toks, pos: 0 };
    let first = p.star_or_named()?;
    if p.is(",") {
        // A tuple statement: not a BinOp.
        return None;
    }
    p.eat(";");
    if p.pos != p.toks.len() {
        return None;
    }
    match first.shape {
        Shape::Other => None,
        Shape::BinOp { left_end, right_start } => {
            // The operator: past blanks, and past the `)` of a parenthesized left operand.
            let between = &chars[left_end..right_start.max(left_end)];
            let offset = between.iter().take_while(|c| c.is_whitespace()).count();
            let mut left = left_end + offset;
            let mut right = left + 1;
            if offset + 1 < between.len() && !between[offset + 1].is_whitespace() {
                right += 1;
            }
            while left < chars.len() && (chars[left].is_whitespace() || chars[left] == ')' || chars[left] == '#') {
                left += 1;
                right += 1;
            }
            Some((left, right))
        }
        Shape::Subscript { value_end, slice_end } => {
            // From the `[` to the `]`, whatever parentheses the positions leave out.
            let mut left = value_end;
            while left < chars.len() && chars[left] != '[' {
                left += 1;
            }
            let mut right = slice_end + 1;
            while right < chars.len() && chars[right] != ']' {
                right += 1;
            }
            if right < chars.len() {
                right += 1;
            }
            Some((left, right))
        }
    }
}
