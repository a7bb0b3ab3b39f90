import IncentiveSupport

/// Expressions, lowest precedence first:
/// `c ? a : b` → `??` → `or` → `and` → `not` → comparisons and `in` → `+ -` → `* / %` → unary `-`
/// → `^` → `fact of YEAR`, `fact over [a..b]` → primaries.
extension Parser {
    mutating func expression() throws(Diagnostic) -> Expr {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw tooDeep() }
        let condition = try coalesce()
        guard accept(symbol: "?") else { return condition }
        let then = try expression()
        try expect(symbol: ":")
        let otherwise = try expression()
        return Expr(.conditional(condition, then: then, else: otherwise), condition.range.to(otherwise.range))
    }

    private mutating func coalesce() throws(Diagnostic) -> Expr {
        var left = try logicalOr()
        while accept(symbol: "??") {
            let right = try logicalOr()
            left = Expr(.binary(.coalesce, left, right), left.range.to(right.range))
        }
        return left
    }

    private mutating func logicalOr() throws(Diagnostic) -> Expr {
        var left = try logicalAnd()
        while accept(word: "or") {
            let right = try logicalAnd()
            left = Expr(.binary(.or, left, right), left.range.to(right.range))
        }
        return left
    }

    private mutating func logicalAnd() throws(Diagnostic) -> Expr {
        var left = try logicalNot()
        while accept(word: "and") {
            let right = try logicalNot()
            left = Expr(.binary(.and, left, right), left.range.to(right.range))
        }
        return left
    }

    private mutating func logicalNot() throws(Diagnostic) -> Expr {
        if current.isWord("not"), !peek(1).isWord("in") {
            let start = advance().range
            let operand = try nested { (p: inout Parser) throws(Diagnostic) in try p.logicalNot() }
            return Expr(.unary(.not, operand), start.to(operand.range))
        }
        return try comparison()
    }

    private mutating func comparison() throws(Diagnostic) -> Expr {
        let left = try additive()
        if case .symbol(let symbol) = current.kind, let op = Self.comparison(symbol) {
            advance()
            let right = try additive()
            return Expr(.binary(op, left, right), left.range.to(right.range))
        }
        var negated = false
        if current.isWord("not"), peek(1).isWord("in") {
            advance()
            negated = true
        }
        if negated || current.isWord("in") {
            try expect(word: "in")
            let collection = try additive()
            return Expr(.membership(left, in: collection, negated: negated), left.range.to(collection.range))
        }
        return left
    }

    /// The comparison a symbol spells, by a switch: `BinaryOperator(rawValue:)` compared the symbol
    /// with the name of every operator, for every operand of every expression.
    private static func comparison(_ symbol: String) -> BinaryOperator? {
        switch symbol {
        case "==": return .equal
        case "!=": return .notEqual
        case "<": return .less
        case "<=": return .lessOrEqual
        case ">": return .greater
        case ">=": return .greaterOrEqual
        default: return nil
        }
    }

    private mutating func additive() throws(Diagnostic) -> Expr {
        var left = try multiplicative()
        while current.isSymbol("+") || current.isSymbol("-") {
            let op: BinaryOperator = advance().isSymbol("+") ? .add : .subtract
            let right = try multiplicative()
            left = Expr(.binary(op, left, right), left.range.to(right.range))
        }
        return left
    }

    private mutating func multiplicative() throws(Diagnostic) -> Expr {
        var left = try unary()
        while current.isSymbol("*") || current.isSymbol("/") || current.isSymbol("%") {
            let token = advance()
            let op: BinaryOperator = token.isSymbol("*") ? .multiply : token.isSymbol("/") ? .divide : .remainder
            let right = try unary()
            left = Expr(.binary(op, left, right), left.range.to(right.range))
        }
        return left
    }

    private mutating func unary() throws(Diagnostic) -> Expr {
        if current.isSymbol("-") {
            let start = advance().range
            let operand = try nested { (p: inout Parser) throws(Diagnostic) in try p.unary() }
            return Expr(.unary(.negate, operand), start.to(operand.range))
        }
        return try power()
    }

    /// `a ^ b`, binding tighter than `*` and to the right (`2 ^ 3 ^ 2` is `2 ^ 9`), as in ZEN.
    private mutating func power() throws(Diagnostic) -> Expr {
        let base = try postfix()
        guard accept(symbol: "^") else { return base }
        let exponent = try nested { (p: inout Parser) throws(Diagnostic) in try p.unary() }
        return Expr(.binary(.power, base, exponent), base.range.to(exponent.range))
    }

    /// Guards recursion that does not pass through `expression()` (chains of `not` or `-`).
    private mutating func nested(_ body: (inout Parser) throws(Diagnostic) -> Expr) throws(Diagnostic) -> Expr {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw tooDeep() }
        return try body(&self)
    }

    private func tooDeep() -> Diagnostic {
        Diagnostic("parse.too-deep", DiagnosticText("expression nested more than \(Self.maximumDepth) levels deep",
                                                    "表达式嵌套超过 \(Self.maximumDepth) 层"), at: current.range)
    }

    private mutating func postfix() throws(Diagnostic) -> Expr {
        let base = try primary()
        guard case .name(let fact) = base.kind else { return base }
        if accept(word: "of") {
            let year = try yearOperand()
            return Expr(.of(fact: fact, year: year), base.range.to(year.range))
        }
        if accept(word: "over") {
            let years = try primary()
            return Expr(.over(fact: fact, years: years), base.range.to(years.range))
        }
        return base
    }

    /// The year after `of`: a primary, optionally `± integer` (`Y-1`, `Y - 2`, `2019`, `(Y - k)`).
    private mutating func yearOperand() throws(Diagnostic) -> Expr {
        var year = try primary()
        if current.isSymbol("-") || current.isSymbol("+"), case .number(_, .none) = peek(1).kind {
            let op: BinaryOperator = advance().isSymbol("+") ? .add : .subtract
            let offset = try primary()
            year = Expr(.binary(op, year, offset), year.range.to(offset.range))
        }
        return year
    }

    private mutating func primary() throws(Diagnostic) -> Expr {
        let token = current
        switch token.kind {
        case .number(let digits, let suffix):
            advance()
            return try numberLiteral(digits, suffix, token.range)
        case .string(let text):
            advance()
            return Expr(.string(text), token.range)
        case .date(let text):
            guard let date = CivilDate(parsing: text) else { throw Self.badDate(text, at: token.range) }
            advance()
            return Expr(.date(date), token.range)
        case .identifier(let name):
            return try word(name, token.range)
        case .symbol("("):
            advance()
            let first = try expression()
            if accept(symbol: "..") { return try rangeRest(lower: first, lowerClosed: false, start: token.range) }
            try expect(symbol: ")")
            return Expr(first.kind, token.range.to(previousRange))
        case .symbol("["):
            advance()
            if accept(symbol: "]") { return Expr(.list([]), token.range.to(previousRange)) }
            let first = try expression()
            if accept(symbol: "..") { return try rangeRest(lower: first, lowerClosed: true, start: token.range) }
            var items = [first]
            while accept(symbol: ",") { items.append(try expression()) }
            try expect(symbol: "]")
            return Expr(.list(items), token.range.to(previousRange))
        default:
            throw unexpected("an expression", "表达式")
        }
    }

    private mutating func rangeRest(lower: Expr, lowerClosed: Bool, start: SourceRange) throws(Diagnostic) -> Expr {
        let upper = try expression()
        let upperClosed: Bool
        if accept(symbol: "]") {
            upperClosed = true
        } else if accept(symbol: ")") {
            upperClosed = false
        } else {
            throw unexpected("']' or ')' to close the range", "结束区间的 ']' 或 ')'")
        }
        return Expr(.range(lower: lower, upper: upper, lowerClosed: lowerClosed, upperClosed: upperClosed), start.to(previousRange))
    }

    private mutating func numberLiteral(_ digits: String, _ suffix: Token.NumberSuffix, _ range: SourceRange) throws(Diagnostic) -> Expr {
        guard digits.utf8.count <= 24, var value = ExactDecimal(parsing: digits) else {
            throw Diagnostic("parse.number-too-large", DiagnosticText("number '\(digits)' is too large (at most 24 digits)", "数字 '\(digits)' 太大（最多 24 位）"), at: range)
        }
        let unit: NumberUnit
        switch suffix {
        case .none: unit = .plain
        case .percent:
            value = value.dividing(ExactDecimal(100))!
            unit = .percent
        case .wan:
            value = value.multiplying(ExactDecimal(10_000))!
            unit = .money
        case .yi:
            value = value.multiplying(ExactDecimal(100_000_000))!
            unit = .money
        }
        return Expr(.number(value, unit: unit), range)
    }

    private mutating func word(_ name: String, _ range: SourceRange) throws(Diagnostic) -> Expr {
        switch name {
        case "true", "false":
            advance()
            return Expr(.bool(name == "true"), range)
        case "null":
            advance()
            return Expr(.null, range)
        case "Y":
            advance()
            return Expr(.assessmentYear, range)
        case "some", "every":
            advance()
            let variable = try identifier("a variable name", "变量名")
            try expect(word: "in")
            let list = try additive()
            try expect(word: "satisfies")
            let condition = try expression()
            return Expr(.quantified(every: name == "every", variable: variable, list: list, condition: condition), range.to(condition.range))
        case "paid" where peek(1).isSymbol("("):
            advance()
            advance()
            let selector = try selectors()
            try expect(symbol: ")")
            guard selector.count == 1 else {
                throw Diagnostic("parse.paid-selector", DiagnosticText("paid(…) takes one selector: a rule id, 'tag X' or 'kind K'",
                                                                         "paid(…) 只接受一个选择项：规则编号、'tag X' 或 'kind K'"), at: range.to(previousRange))
            }
            return Expr(.paid(selector: selector[0]), range.to(previousRange))
        default:
            advance()
            guard accept(symbol: "(") else { return Expr(.name(name), range) }
            var arguments: [Expr] = []
            if !current.isSymbol(")") {
                repeat { arguments.append(try expression()) } while accept(symbol: ",")
            }
            try expect(symbol: ")")
            if name == "rank" {
                guard arguments.count == 1 else {
                    throw Diagnostic("parse.rank-arguments", DiagnosticText("rank(…) takes one expression to rank by", "rank(…) 只接受一个作为排名依据的表达式"), at: range.to(previousRange))
                }
                return Expr(.rank(arguments[0]), range.to(previousRange))
            }
            return Expr(.call(name, arguments), range.to(previousRange))
        }
    }
}
