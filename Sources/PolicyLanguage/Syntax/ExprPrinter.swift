import IncentiveSupport

/// Prints an `Expr` back to policy text that parses to the same tree (ranges aside), so
/// expressions can be shown in messages and round-trip tests can check the parser.
///
/// Every operand that is not atomic (a literal, name, call, list, range, `rank`, `paid`) is put in
/// parentheses: simpler than tracking precedence and immune to the grammar's special cases
/// (`rd_expense of Y - 1` takes `- 1` into the year; `not in`; a `%` right after a number).
/// Numbers keep the unit they were written with: percentages as `12%`, money as `40万`.
/// Trees the parser cannot produce (a negative literal, a keyword used as a name) have no
/// source text that parses back to them; the printer still prints something readable.
public enum ExprPrinter {
    public static func print(_ expr: Expr) -> String {
        switch expr.kind {
        case .number(let value, let unit):
            return number(value, unit)
        case .string(let text):
            return quoted(text)
        case .date(let date):
            return date.description
        case .bool(let value):
            return value ? "true" : "false"
        case .null:
            return "null"
        case .assessmentYear:
            return "Y"
        case .name(let name):
            return name
        case .of(let fact, let year):
            return "\(fact) of \(operand(year))"
        case .over(let fact, let years):
            return "\(fact) over \(operand(years))"
        case .unary(.negate, let inner):
            return "-\(operand(inner))"
        case .unary(.not, let inner):
            return "not \(operand(inner))"
        case .binary(let op, let left, let right):
            return "\(operand(left)) \(op.rawValue) \(operand(right))"
        case .conditional(let condition, let then, let otherwise):
            return "\(operand(condition)) ? \(operand(then)) : \(operand(otherwise))"
        case .call(let name, let arguments):
            return "\(name)(\(arguments.map(print).joined(separator: ", ")))"
        case .list(let items):
            return "[\(items.map(print).joined(separator: ", "))]"
        case .range(let lower, let upper, let lowerClosed, let upperClosed):
            return "\(lowerClosed ? "[" : "(")\(print(lower))..\(print(upper))\(upperClosed ? "]" : ")")"
        case .membership(let item, let collection, let negated):
            return "\(operand(item)) \(negated ? "not in" : "in") \(operand(collection))"
        case .quantified(let every, let variable, let list, let condition):
            return "\(every ? "every" : "some") \(variable) in \(operand(list)) satisfies \(print(condition))"
        case .rank(let inner):
            return "rank(\(print(inner)))"
        case .paid(let selector):
            return "paid(\(selector))"
        }
    }

    /// An expression as the operand of another: atomic forms as they are, the rest in parentheses.
    private static func operand(_ expr: Expr) -> String {
        switch expr.kind {
        case .string, .date, .bool, .null, .assessmentYear, .name, .call, .list, .range, .rank, .paid:
            return print(expr)
        case .number(let value, _) where !value.isNegative:
            return print(expr)
        default:
            return "(\(print(expr)))"
        }
    }

    /// The literal as written: `12%` for 0.12 percent, `40万` for 400000 money, `3` for plain 3.
    /// A negative value (never made by the parser, which reads `-3` as negation) prints as `-3`.
    private static func number(_ value: ExactDecimal, _ unit: NumberUnit) -> String {
        switch unit {
        case .plain:
            return value.description
        case .percent:
            return (value.multiplying(ExactDecimal(100)) ?? value).description + "%"
        case .money:
            return (value.dividing(ExactDecimal(10_000)) ?? value).description + "万"
        }
    }

    /// A string literal with the escapes the lexer understands: `\"`, `\\`, `\n`, `\t`.
    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
