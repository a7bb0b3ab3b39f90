import IncentiveSupport
import PolicyLanguage

/// The built-ins and ranges the catalogue calls for every enterprise, compiled without the
/// `Value`s `Operations` takes: no argument array, no list of a fact's years, no boxed range.
/// Each computes what `Operations.call` or `Operations.contains` computes, in the same order
/// (every argument evaluated, then a null gives null); anything else takes the general code.
extension KernelCompiler {
    /// `sum`/`avg` of `fact over [a..b]`, `count`, `year`, and `min`/`max` of numbers as number
    /// code; nil for any other call.
    mutating func numberCall(_ builtin: Builtin, _ arguments: [CheckedExpr]) -> NumberCode? {
        switch builtin {
        case .sum, .avg:
            guard arguments.count == 1, case .factOver(let fact, let years) = arguments[0].node,
                  case .range(let lower, let upper, let lowerClosed, let upperClosed) = years.node,
                  Self.isNumeric(lower.type), Self.isNumeric(upper.type) else { return nil }
            let slot = slots.slot(of: fact), low = compileNumber(lower), high = compileNumber(upper), average = builtin == .avg
            return { frame in
                let a = low(&frame), b = high(&frame)
                guard let span = Operations.years(a, b, lowerClosed: lowerClosed, upperClosed: upperClosed) else { return nil }
                var total = ExactDecimal.zero, count = 0
                if let years = span {
                    for year in years {
                        guard let number = frame.profile.cell(yearSlot: slot, year: year).number, let next = total.adding(number) else { return nil }
                        total = next
                        count += 1
                    }
                }
                guard average else { return total }
                return count == 0 ? nil : total.dividing(ExactDecimal(count))
            }
        case .count, .year:
            guard arguments.count == 1 else { return nil }
            let code = compile(arguments[0]), counting = builtin == .count
            return { frame in
                switch code(&frame) {
                case .list(let items) where counting: ExactDecimal(items.count)
                case .date(let date) where !counting: ExactDecimal(date.year)
                default: nil
                }
            }
        case .min, .max:
            guard arguments.count >= 2, arguments.allSatisfy({ Self.isNumeric($0.type) }) else { return nil }
            // A chain of pairs, left to right (the first of equal values kept), not a loop over
            // an array of codes: an array holds closures in the generic form, called through
            // two reabstraction thunks.
            let least = builtin == .min
            var code = compileNumber(arguments[0])
            for argument in arguments.dropFirst() {
                let best = code, next = compileNumber(argument)
                code = { frame in
                    let current = best(&frame), number = next(&frame)
                    guard let current, let number else { return nil }
                    return (least ? number < current : current < number) ? number : current
                }
            }
            return code
        default:
            return nil
        }
    }

    /// `has_title(titles, name, year)`, `starts_with(text, prefix)`, `add_years(date, n)`, `min`/`max`
    /// of one list, a call above as a `Value`, or nil for the general code.
    mutating func valueCall(_ builtin: Builtin, _ arguments: [CheckedExpr]) -> KernelCode? {
        if builtin == .addYears, arguments.count == 2 {
            let date = compile(arguments[0]), years = compileNumber(arguments[1])
            return { frame in
                let a = date(&frame), n = years(&frame)
                guard case .date(let day) = a, let n = n?.intValue, let result = day.addingYears(n) else { return .null }
                return .date(result)
            }
        }
        if builtin == .startsWith, arguments.count == 2 {
            let whole = compile(arguments[0]), start = compile(arguments[1])
            return { frame in
                let a = whole(&frame), b = start(&frame)
                guard case .text(let text) = a, case .text(let prefix) = b else { return .null }
                return .bool(text.hasPrefix(prefix))
            }
        }
        if builtin == .hasTitle, arguments.count == 3 {
            let titles = compile(arguments[0]), name = compile(arguments[1]), year = compileNumber(arguments[2])
            return { frame in
                let list = titles(&frame), wanted = name(&frame), number = year(&frame)
                guard case .titles(let held) = list, case .text(let text) = wanted, let y = number?.intValue else { return .null }
                return .bool(held.contains { $0.name == text && $0.effectiveYear == y })
            }
        }
        if builtin == .min || builtin == .max, arguments.count == 1, case .list = arguments[0].type {
            // `min(hte_certificates)`: of the list itself (the general code puts it in an array).
            let list = compile(arguments[0]), least = builtin == .min
            return { frame in
                guard case .list(let items) = list(&frame) else { return .null }
                return Operations.extreme(least: least, of: items)
            }
        }
        guard let code = numberCall(builtin, arguments) else { return nil }
        return { frame in code(&frame).map(Value.number) ?? .null }
    }

    /// `some p in ["C16", "H", …] satisfies starts_with(industry, p)` (or `every`) as flag code:
    /// the text read once and each constant prefix checked on its bytes when both are ASCII (a
    /// quantifier, a variable and a `Value` per prefix cost more than a rule). The same answer as
    /// the general code, item by item: a text that is not text, or an item that is not, is null.
    /// nil for any other quantifier.
    mutating func prefixQuantifier(every: Bool, slot: Int, list: CheckedExpr, condition: CheckedExpr) -> BoolCode? {
        guard Self.isConstant(list), case .call(.startsWith, let arguments) = condition.node, arguments.count == 2,
              case .variable(slot) = arguments[1].node else { return nil }
        // The text must not read the variable: a fact, a let (which cannot see it) or a constant.
        switch arguments[0].node {
        case .fact, .local, .constant: break
        default: return nil
        }
        guard case .list(let items) = fold(list) else { return nil }
        let whole = compile(arguments[0])
        let prefixes = items.map(PrefixTest.init)
        return { frame in
            let text: String?
            if case .text(let read) = whole(&frame) { text = read } else { text = nil }
            let ascii = text.map(PrefixTest.isASCII) ?? false
            var sawNull = false
            for prefix in prefixes {
                switch prefix.test(text, ascii: ascii) {
                case let holds? where holds != every: return holds
                case _?: break
                case nil: sawNull = true
                }
            }
            return sawNull ? nil : every
        }
    }

    /// `some c in hte_certificates satisfies year(c) in [Y-2..Y]` (or `every`, `not in`, open ends)
    /// with constant ends, as flag code: each item's year compared as a whole number, without
    /// setting the variable or making a `Value` per item. The same answer as the general code:
    /// an item that is not a date, or an end that is null, makes that item null. nil for any
    /// other quantifier.
    mutating func yearRangeQuantifier(every: Bool, slot: Int, list: CheckedExpr, condition: CheckedExpr) -> BoolCode? {
        guard case .membership(let item, let collection, let negated) = condition.node,
              case .call(.year, let arguments) = item.node, arguments.count == 1, case .variable(slot) = arguments[0].node,
              case .range(let lower, let upper, let lowerClosed, let upperClosed) = collection.node,
              Self.isConstant(lower), Self.isConstant(upper), Self.isNumeric(lower.type), Self.isNumeric(upper.type) else { return nil }
        let low = fold(lower).number, high = fold(upper).number
        let items = compile(list)
        return { frame in
            guard case .list(let values) = items(&frame) else { return nil }
            var sawNull = false
            for value in values {
                var holds: Bool?
                if case .date(let date) = value, let low, let high {
                    let x = ExactDecimal(date.year)
                    let inside = (lowerClosed ? !(x < low) : low < x) && (upperClosed ? !(high < x) : x < high)
                    holds = inside != negated
                }
                switch holds {
                case let holds? where holds != every: return holds
                case _?: break
                case nil: sawNull = true
                }
            }
            return sawNull ? nil : every
        }
    }

    /// `starts_with(text, item)` for a constant item: on the bytes when the item is visible ASCII
    /// and the text is ASCII (each character is then one byte, and a visible prefix cannot end
    /// inside a CR LF), else `hasPrefix`, as `Operations` calls it.
    struct PrefixTest {
        let prefix: String?
        let bytes: [UInt8]?

        init(_ item: Value) {
            guard case .text(let text) = item else { prefix = nil; bytes = nil; return }
            prefix = text
            bytes = text.utf8.allSatisfy { (0x20...0x7E).contains($0) } ? Array(text.utf8) : nil
        }

        static func isASCII(_ text: String) -> Bool {
            text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? false
        }

        /// nil (null) when the text or the item is not text.
        func test(_ text: String?, ascii: Bool) -> Bool? {
            guard let text, let prefix else { return nil }
            if ascii, let bytes, let found = text.utf8.withContiguousStorageIfAvailable({ $0.starts(with: bytes) }) { return found }
            return text.hasPrefix(prefix)
        }
    }

    /// `x in [a..b]` (or `not in`) between numbers as flag code, as `Operations.contains` decides it
    /// for a range: nil when the item or an end is null.
    mutating func numberInRange(_ item: CheckedExpr, _ collection: CheckedExpr, negated: Bool) -> BoolCode? {
        guard case .range(let lower, let upper, let lowerClosed, let upperClosed) = collection.node,
              Self.isNumeric(item.type), Self.isNumeric(lower.type), Self.isNumeric(upper.type) else { return nil }
        let low = compileNumber(lower), high = compileNumber(upper), value = compileNumber(item)
        return { frame in
            let a = low(&frame), b = high(&frame), x = value(&frame)
            guard let a, let b, let x else { return nil }
            let inside = (lowerClosed ? !(x < a) : a < x) && (upperClosed ? !(b < x) : x < b)
            return inside != negated
        }
    }
}
