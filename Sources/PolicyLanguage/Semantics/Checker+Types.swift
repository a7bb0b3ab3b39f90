/// Type and unit rules. Money, percent and plain numbers are units: `money + percent` and
/// `money × money` are errors, `money × percent` is money, `money ÷ money` is a plain ratio.
extension Checker {
    func compatible(_ actual: ValueType, _ expected: ValueType) -> Bool {
        if actual == expected || actual == .any || expected == .any { return true }
        switch (actual, expected) {
        case (.integer, .number), (.integer, .money), (.number, .money), (.text, .code), (.code, .text): return true
        case (.list(let a), .list(let b)): return compatible(a, b)
        default: return false
        }
    }

    /// The common type of two branches or list items.
    func unify(_ a: ValueType, _ b: ValueType) -> ValueType? {
        if a == b { return a }
        if a == .any { return b }
        if b == .any { return a }
        switch (a, b) {
        case (.integer, .number), (.number, .integer): return .number
        case (.money, .integer), (.integer, .money), (.money, .number), (.number, .money): return .money
        case (.text, .code), (.code, .text): return .text
        case (.list(let x), .list(let y)): return unify(x, y).map(ValueType.list)
        default: return nil
        }
    }

    /// The type two values are compared as, or nil when they cannot be compared.
    func comparable(_ a: ValueType, _ b: ValueType) -> ValueType? {
        if a == .any || b == .any { return .any }
        if a.isNumeric, b.isNumeric {
            if (a == .money && b == .percent) || (a == .percent && b == .money) { return nil }
            return .number
        }
        if a.isTextual, b.isTextual { return .text }
        if a == b { return a }
        return nil
    }

    mutating func binaryType(_ op: BinaryOperator, _ l: CheckedExpr, _ r: CheckedExpr, at range: SourceRange) -> ValueType {
        let a = l.type, b = r.type
        switch op {
        case .and, .or:
            requireBool(l)
            requireBool(r)
            return .bool
        case .coalesce:
            guard let type = unify(a, b) else {
                report("check.type-mismatch", "both sides of '??' must have the same type, found \(a) and \(b)",
                       "'??' 两边必须类型相同，实际为 \(a.chinese) 和 \(b.chinese)", at: range)
                return .any
            }
            return type
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let shared = comparable(a, b) else {
                let code = a.isNumeric && b.isNumeric ? "check.unit-mismatch" : "check.type-mismatch"
                report(code, "cannot compare \(a) with \(b)", "无法比较 \(a.chinese) 与 \(b.chinese)", at: range)
                return .bool
            }
            if op != .equal, op != .notEqual, shared != .number, shared != .date, shared != .any {
                report("check.type-mismatch", "'\(op.rawValue)' orders numbers or dates, found \(a) and \(b)",
                       "'\(op.rawValue)' 只能比较数字或日期的大小，实际为 \(a.chinese) 和 \(b.chinese)", at: range)
            }
            return .bool
        case .add where a.isTextual && b.isTextual && a != .any && b != .any:
            return .text
        case .power:
            if a == .any || b == .any { return a == .any ? .any : a }
            guard a.isNumeric, a != .money, b == .integer else {
                report("check.type-mismatch", "'^' raises a plain number or a percent to a whole power, found \(a) and \(b)",
                       "'^' 只能对普通数字或百分比取整数次幂，实际为 \(a.chinese) 和 \(b.chinese)", at: range)
                return .any
            }
            return a == .integer ? .integer : a
        case .add, .subtract, .multiply, .divide, .remainder:
            if a == .any || b == .any { return a == .any ? (b == .any ? .any : b) : a }
            guard a.isNumeric, b.isNumeric else {
                report("check.type-mismatch", "'\(op.rawValue)' needs numbers, found \(a) and \(b)",
                       "'\(op.rawValue)' 需要数字，实际为 \(a.chinese) 和 \(b.chinese)", at: range)
                return .any
            }
            return arithmeticType(op, a, b, at: range)
        }
    }

    private mutating func arithmeticType(_ op: BinaryOperator, _ a: ValueType, _ b: ValueType, at range: SourceRange) -> ValueType {
        func mismatch(_ verb: String, _ chineseVerb: String) -> ValueType {
            report("check.unit-mismatch", "cannot \(verb) \(a) and \(b)", "无法将 \(a.chinese) 与 \(b.chinese) \(chineseVerb)", at: range)
            return .any
        }
        switch op {
        case .add, .subtract, .remainder:
            if a == .money || b == .money, a != b {
                return op == .add ? mismatch("add", "相加") : op == .subtract ? mismatch("subtract", "相减") : mismatch("take the remainder of", "取余")
            }
            if a == .money || b == .money { return .money }
            if a == .percent && b == .percent { return .percent }
            if a == .integer && b == .integer { return .integer }
            return .number
        case .multiply:
            if a == .money && b == .money { return mismatch("multiply", "相乘") }
            if a == .money || b == .money { return .money }
            if a == .percent && b == .percent { return .percent }
            if a == .integer && b == .integer { return .integer }
            if a == .percent || b == .percent { return a == .percent ? (b == .integer || b == .number ? .number : b) : .number }
            return .number
        default:
            if a == .money && b == .money { return .number }
            if a == .money { return .money }
            if b == .money { return mismatch("divide", "相除") }
            return .number
        }
    }

    mutating func builtinType(_ builtin: Builtin, _ args: [CheckedExpr], at range: SourceRange) -> ValueType {
        func require(_ index: Int, _ ok: (ValueType) -> Bool, _ expected: String, _ chinese: String) {
            let type = args[index].type
            if type != .any, !ok(type) {
                report("check.type-mismatch", "argument \(index + 1) of '\(builtin.rawValue)' must be \(expected), found \(type)",
                       "'\(builtin.rawValue)' 的第 \(index + 1) 个参数必须是\(chinese)，实际为 \(type.chinese)", at: args[index].range)
            }
        }
        switch builtin {
        case .min, .max:
            if args.count == 1 {
                guard case .list(let element) = args[0].type else {
                    require(0, { _ in false }, "a list (or give two or more values)", "列表（或给出两个及以上的值）")
                    return .any
                }
                return element
            }
            var type = ValueType.any
            for arg in args {
                guard let unified = unify(type, arg.type), unified.isNumeric || unified == .date else {
                    report("check.type-mismatch", "'\(builtin.rawValue)' takes numbers or dates of one kind, found \(type) and \(arg.type)",
                           "'\(builtin.rawValue)' 只接受同一种数字或日期，实际为 \(type.chinese) 和 \(arg.type.chinese)", at: arg.range)
                    return .any
                }
                type = unified
            }
            return type
        case .abs, .floor, .ceil:
            require(0, \.isNumeric, "a number", "数字")
            return args[0].type
        case .round, .trunc:
            require(0, \.isNumeric, "a number", "数字")
            if args.count == 2 { require(1, { $0 == .integer }, "a whole number of digits", "整数位数") }
            return args[0].type
        case .sum, .avg:
            guard case .list(let element) = args[0].type, element.isNumeric else {
                require(0, { _ in false }, "a list of numbers", "数字列表")
                return .any
            }
            return element == .integer && builtin == .avg ? .number : element
        case .count:
            require(0, { if case .list = $0 { return true } else { return false } }, "a list", "列表")
            return .integer
        case .year:
            require(0, { $0 == .date }, "a date", "日期")
            return .integer
        case .date:
            for index in 0..<3 { require(index, { $0 == .integer }, "a whole number", "整数") }
            return .date
        case .addYears:
            require(0, { $0 == .date }, "a date", "日期")
            require(1, { $0 == .integer }, "a whole number of years", "整数年数")
            return .date
        case .startsWith:
            require(0, \.isTextual, "text", "文本")
            require(1, \.isTextual, "text", "文本")
            return .bool
        case .hasTitle:
            require(0, { $0 == .titles }, "the titles fact", "称号事实（titles）")
            require(1, \.isTextual, "a title name", "称号名称")
            require(2, { $0 == .integer }, "a year", "年份")
            return .bool
        }
    }
}
