import IncentiveSupport
import PolicyLanguage

/// The built-in functions, with ZEN's semantics where the two languages overlap: `round` half away
/// from zero, `trunc` toward zero, `min`/`max`/`sum`/`avg` over lists; null in, null out.
extension Operations {
    static func call(_ builtin: Builtin, _ args: [Value]) -> (Value, Failure?) {
        if args.contains(where: \.isNull) { return (.null, nil) }
        switch builtin {
        case .min, .max:
            if args.count == 1, case .list(let list) = args[0] { return (extreme(least: builtin == .min, of: list), nil) }
            return (extreme(least: builtin == .min, of: args), nil)
        case .abs:
            return (args[0].number.map { .number($0.magnitude) } ?? .null, nil)
        case .floor:
            return (args[0].number.map { .number($0.floored()) } ?? .null, nil)
        case .ceil:
            return (args[0].number.map { .number($0.ceiled()) } ?? .null, nil)
        case .round, .trunc:
            guard let x = args[0].number else { return (.null, nil) }
            let digits = args.count == 2 ? args[1].number?.intValue ?? 0 : 0
            guard (-30...30).contains(digits) else { return (.null, nil) }
            guard let rounded = x.rounded(scale: digits, builtin == .round ? .halfAwayFromZero : .towardZero) else { return (.null, .overflow) }
            return (.number(rounded), nil)
        case .sum, .avg:
            guard case .list(let items) = args[0] else { return (.null, nil) }
            var total = ExactDecimal.zero
            for item in items {
                guard let n = item.number, let next = total.adding(n) else { return (.null, nil) }
                total = next
            }
            if builtin == .sum { return (.number(total), nil) }
            guard !items.isEmpty else { return (.null, nil) }
            return (total.dividing(ExactDecimal(items.count)).map(Value.number) ?? .null, nil)
        case .count:
            guard case .list(let items) = args[0] else { return (.null, nil) }
            return (.number(ExactDecimal(items.count)), nil)
        case .year:
            guard case .date(let date) = args[0] else { return (.null, nil) }
            return (.number(ExactDecimal(date.year)), nil)
        case .date:
            guard let y = args[0].number?.intValue, let m = args[1].number?.intValue, let d = args[2].number?.intValue,
                  let date = CivilDate(year: y, month: m, day: d) else { return (.null, .invalidDate) }
            return (.date(date), nil)
        case .addYears:
            guard case .date(let date) = args[0], let n = args[1].number?.intValue, let result = date.addingYears(n) else { return (.null, nil) }
            return (.date(result), nil)
        case .startsWith:
            guard case .text(let text) = args[0], case .text(let prefix) = args[1] else { return (.null, nil) }
            return (.bool(text.hasPrefix(prefix)), nil)
        case .hasTitle:
            guard case .titles(let titles) = args[0], case .text(let name) = args[1], let y = args[2].number?.intValue else { return (.null, nil) }
            return (.bool(titles.contains { $0.name == name && $0.effectiveYear == y }), nil)
        }
    }
}

extension Operations {
    /// The least (or greatest) of `items`, the first of equal ones; null when there are none, one
    /// is null, or two do not compare. `min`/`max` of arguments or of one list (the batch kernel
    /// calls it with the list, without the argument array).
    static func extreme(least: Bool, of items: [Value]) -> Value {
        guard !items.isEmpty, !items.contains(where: \.isNull) else { return .null }
        var best = items[0]
        for item in items.dropFirst() {
            guard let order = compare(item, best) else { return .null }
            if least ? order < 0 : order > 0 { best = item }
        }
        return best
    }
}
