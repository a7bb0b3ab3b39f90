import IncentiveSupport
import PolicyLanguage

/// Random expression trees over every kind of `Expr`, limited to trees the parser can produce
/// (no negative literals, no keywords as names, `rank`/`paid` never as plain call names), so
/// that printing one and parsing the text must give the tree back.
public struct ExprGenerator {
    public var rng: SplitMix64

    public init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
    }

    static let names = ["rd_expense", "revenue", "tech_staff", "x", "a1", "Yield", "version"]
    static let functions = ["min", "max", "round", "year", "add_years", "starts_with", "foo_bar"]
    static let strings = ["", "中文", "C34", "say \"hi\"", "back\\slash", "tab\tand\nnewline", "# not a comment"]
    static let selectors: [MemberSelector] = [.tag("tech-award"), .kind("cash"), .rule("cn.rd-super-deduction"), .rule("x")]

    /// A tree at most `depth` levels deep (a leaf is depth 0).
    public mutating func expression(depth: Int) -> Expr {
        if depth == 0 || Int.random(in: 0..<5, using: &rng) == 0 { return leaf() }
        let below = depth - 1
        switch Int.random(in: 0..<13, using: &rng) {
        case 0:
            return make(.of(fact: pick(Self.names), year: expression(depth: below)))
        case 1:
            return make(.over(fact: pick(Self.names), years: expression(depth: below)))
        case 2:
            return make(.unary(Bool.random(using: &rng) ? .negate : .not, expression(depth: below)))
        case 3, 4, 5:
            return make(.binary(pick(BinaryOperator.allCases), expression(depth: below), expression(depth: below)))
        case 6:
            return make(.conditional(expression(depth: below), then: expression(depth: below), else: expression(depth: below)))
        case 7:
            return make(.call(pick(Self.functions), items(depth: below)))
        case 8:
            return make(.list(items(depth: below)))
        case 9:
            return make(.range(lower: expression(depth: below), upper: expression(depth: below),
                               lowerClosed: Bool.random(using: &rng), upperClosed: Bool.random(using: &rng)))
        case 10:
            return make(.membership(expression(depth: below), in: expression(depth: below), negated: Bool.random(using: &rng)))
        case 11:
            return make(.quantified(every: Bool.random(using: &rng), variable: pick(Self.names),
                                    list: expression(depth: below), condition: expression(depth: below)))
        default:
            return make(.rank(expression(depth: below)))
        }
    }

    private mutating func items(depth: Int) -> [Expr] {
        (0..<Int.random(in: 0...3, using: &rng)).map { _ in expression(depth: depth) }
    }

    private mutating func leaf() -> Expr {
        switch Int.random(in: 0..<9, using: &rng) {
        case 0, 1: return make(.number(literal(), unit: pick([.plain, .percent, .money])))
        case 2: return make(.string(pick(Self.strings)))
        case 3:
            let year = Int.random(in: 1900...2100, using: &rng), month = Int.random(in: 1...12, using: &rng)
            let day = Int.random(in: 1...CivilDate.daysInMonth(year: year, month: month), using: &rng)
            return make(.date(CivilDate(year: year, month: month, day: day)!))
        case 4: return make(.bool(Bool.random(using: &rng)))
        case 5: return make(.null)
        case 6: return make(.assessmentYear)
        case 7: return make(.paid(selector: pick(Self.selectors)))
        default: return make(.name(pick(Self.names)))
        }
    }

    /// A non-negative value with at most three decimals; whatever its unit, the printer scales it
    /// so the parser reads the same value back (0.125 percent prints as `12.5%`).
    private mutating func literal() -> ExactDecimal {
        let whole = Int.random(in: 0...99_999, using: &rng)
        let decimals = Int.random(in: 0...3, using: &rng)
        let fraction = decimals == 0 ? "" : "." + (0..<decimals).map { _ in String(Int.random(in: 0...9, using: &rng)) }.joined()
        return ExactDecimal(parsing: "\(whole)\(fraction)")!
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }

    private func make(_ kind: Expr.Kind) -> Expr { Expr(kind, .none) }
}
