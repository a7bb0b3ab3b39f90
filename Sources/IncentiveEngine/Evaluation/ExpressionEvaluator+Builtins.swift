import IncentiveSupport
import PolicyLanguage

/// The built-in functions, with ZEN's semantics where the two languages overlap: `round` half away
/// from zero, `trunc` toward zero, `min`/`max`/`sum`/`avg` over lists; null in, null out.
extension ExpressionEvaluator {
    mutating func call(_ builtin: Builtin, _ args: [Value], at expr: CheckedExpr) -> Value {
        if args.contains(.null) { return .null }
        switch builtin {
        case .min, .max:
            var items = args
            if args.count == 1, case .list(let list) = args[0] { items = list }
            guard !items.isEmpty, !items.contains(.null) else { return .null }
            var best = items[0]
            for item in items.dropFirst() {
                guard let order = compare(item, best) else { return .null }
                if builtin == .min ? order < 0 : order > 0 { best = item }
            }
            return best
        case .abs:
            return args[0].number.map { .number($0.magnitude) } ?? .null
        case .floor:
            return args[0].number.map { .number($0.floored()) } ?? .null
        case .ceil:
            return args[0].number.map { .number($0.ceiled()) } ?? .null
        case .round, .trunc:
            guard let x = args[0].number else { return .null }
            let digits = args.count == 2 ? args[1].number?.intValue ?? 0 : 0
            guard (-30...30).contains(digits) else { return .null }
            return x.rounded(scale: digits, builtin == .round ? .halfAwayFromZero : .towardZero).map(Value.number) ?? overflow()
        case .sum, .avg:
            guard case .list(let items) = args[0] else { return .null }
            var total = ExactDecimal.zero
            for item in items {
                guard let n = item.number, let next = total.adding(n) else { return .null }
                total = next
            }
            if builtin == .sum { return .number(total) }
            guard !items.isEmpty else { return .null }
            return total.dividing(ExactDecimal(items.count)).map(Value.number) ?? .null
        case .count:
            guard case .list(let items) = args[0] else { return .null }
            return .number(ExactDecimal(items.count))
        case .year:
            guard case .date(let date) = args[0] else { return .null }
            return .number(ExactDecimal(date.year))
        case .date:
            guard let y = args[0].number?.intValue, let m = args[1].number?.intValue, let d = args[2].number?.intValue,
                  let date = CivilDate(year: y, month: m, day: d) else {
                note("an invalid date in '\(expr.text)'")
                return .null
            }
            return .date(date)
        case .addYears:
            guard case .date(let date) = args[0], let n = args[1].number?.intValue, let result = date.addingYears(n) else { return .null }
            return .date(result)
        case .startsWith:
            guard case .text(let text) = args[0], case .text(let prefix) = args[1] else { return .null }
            return .bool(text.hasPrefix(prefix))
        case .hasTitle:
            guard case .titles(let titles) = args[0], case .text(let name) = args[1], let y = args[2].number?.intValue else { return .null }
            return .bool(titles.contains { $0.name == name && $0.effectiveYear == y })
        }
    }

    private mutating func overflow() -> Value {
        note("a number too large to compute exactly")
        return .null
    }
}
