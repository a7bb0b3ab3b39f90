import IncentiveSupport

/// Pro-rata scaling with the largest-remainder method: when demands exceed a total, each is
/// scaled by total ÷ demand, rounded down to `digits`, and the units left over go one each to the
/// largest remainders (ties to the earlier), so the result sums to exactly the total, never more.
public enum Apportionment {
    /// The scaled amounts, or nil when the demands fit within the total (nothing to scale).
    public static func scale(_ demands: [ExactDecimal], to total: ExactDecimal, digits: Int) -> [ExactDecimal]? {
        var demand = ExactDecimal.zero
        for amount in demands { demand = demand.adding(amount) ?? demand }
        guard demand > total, !demand.isZero else { return nil }
        guard let unit = ExactDecimal(numerator: 1, denominator: Int128(tenToThe: digits)) else { return nil }
        var floors: [ExactDecimal] = []
        var remainders: [(index: Int, remainder: ExactDecimal)] = []
        var allotted = ExactDecimal.zero
        for (index, amount) in demands.enumerated() {
            let exact = amount.multiplying(total)?.dividing(demand) ?? .zero
            let floor = exact.rounded(scale: digits, .down) ?? .zero
            floors.append(floor)
            remainders.append((index, exact.subtracting(floor) ?? .zero))
            allotted = allotted.adding(floor) ?? allotted
        }
        var left = total.rounded(scale: digits, .down).flatMap { $0.subtracting(allotted) } ?? .zero
        for entry in remainders.sorted(by: { $0.remainder > $1.remainder || ($0.remainder == $1.remainder && $0.index < $1.index) }) {
            guard left >= unit else { break }
            floors[entry.index] = floors[entry.index].adding(unit) ?? floors[entry.index]
            left = left.subtracting(unit) ?? .zero
        }
        return floors
    }
}

extension Int128 {
    init(tenToThe power: Int) {
        var value: Int128 = 1
        for _ in 0..<Swift.max(0, power) { value *= 10 }
        self = value
    }
}
